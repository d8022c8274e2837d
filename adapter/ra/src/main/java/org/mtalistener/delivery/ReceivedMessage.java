package org.mtalistener.delivery;

import java.io.IOException;
import java.io.InputStream;
import org.mtalistener.api.Envelope;
import org.mtalistener.api.InboundMessage;
import org.mtalistener.api.SessionInfo;

/** A message as the adapter holds it between the end of its transfer and the end of its delivery. */
public final class ReceivedMessage implements InboundMessage {

    private final String queueId;
    private final Envelope envelope;
    private final SessionInfo session;
    private final ContentBuffer content;

    public ReceivedMessage(String queueId, Envelope envelope, SessionInfo session, ContentBuffer content) {
        this.queueId = queueId;
        this.envelope = envelope;
        this.session = session;
        this.content = content;
    }

    @Override
    public String queueId() {
        return queueId;
    }

    @Override
    public Envelope envelope() {
        return envelope;
    }

    @Override
    public SessionInfo session() {
        return session;
    }

    @Override
    public long size() {
        return content.size();
    }

    @Override
    public InputStream openContent() throws IOException {
        return content.openStream();
    }

    public ContentBuffer content() {
        return content;
    }
}
