package org.mtalistener.it.payara;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.mtalistener.api.BatchMailListener;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.MessageBatch;
import org.mtalistener.api.SessionInfo;
import org.mtalistener.sample.Maildir;

/**
 * Stores each message in the Maildir with what the adapter told the MDB about its session in front, so that
 * TlsAuthIT can see the TLS facts and the authenticated user as the MDB got them:
 * {@code X-Session-TLS: TLSv1.3 TLS_AES_256_GCM_SHA384}, {@code X-Session-Client-Subject: CN=client.test} and
 * {@code X-Session-User: alice} ({@code none} for what is missing). TlsAuthIT binds it to the TLS Listens of
 * src/test/conf/listeners.conf in place of the sample MDB, whose messaging type (a BatchMailListener) it keeps.
 */
public class SessionRecordingMdb implements BatchMailListener {

    @Override
    public void onMessages(MessageBatch batch) {
        batch.messages().forEach(SessionRecordingMdb::store);
    }

    private static void store(InboundMessage message) {
        SessionInfo session = message.session();
        SessionInfo.Tls tls = session.tls();
        String facts = "X-Session-TLS: " + (tls == null ? "none" : tls.protocol() + " " + tls.cipherSuite()) + "\r\n"
                + "X-Session-Client-Subject: " + (tls == null || tls.clientSubject() == null ? "none"
                        : tls.clientSubject()) + "\r\n"
                + "X-Session-User: " + (session.authenticatedUser() == null ? "none" : session.authenticatedUser())
                + "\r\n";
        try (InputStream content = message.openContent()) {
            Maildir.fromEnvironment().store(new SequenceInputStream(
                    new ByteArrayInputStream(facts.getBytes(StandardCharsets.UTF_8)), content));
        } catch (IOException e) {
            throw new UncheckedIOException(message.queueId() + ": cannot store", e);
        }
    }
}
