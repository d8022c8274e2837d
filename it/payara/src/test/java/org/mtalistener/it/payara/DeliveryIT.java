package org.mtalistener.it.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.it.Mailbox.assertStoredExactly;
import static org.mtalistener.it.TestMessages.message;
import static org.mtalistener.it.TestMessages.simple;
import static org.mtalistener.it.TestMessages.token;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mtalistener.ecstream.client.EcstreamClient;
import org.mtalistener.it.Ports;
import org.mtalistener.ecstream.client.Envelope;
import org.mtalistener.ecstream.client.MessageReply;
import org.mtalistener.it.Mailbox;
import org.mtalistener.it.GroupCommitScenario;
import org.mtalistener.it.GroupCommittingMdb;
import org.mtalistener.it.RecipientCheckScenario;
import org.mtalistener.it.RecipientCheckingMdb;
import org.mtalistener.it.SmtpProbe;
import org.mtalistener.it.SmtpSend;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mtalistener.it.StoreOnCommit;

/**
 * The RAR and the sample MDB (as built, with its descriptors) on a real Payara Micro, fed by Jakarta Mail over
 * real sockets; plus a test MDB that stores only on commit, to show that failures never reach the Maildir.
 */
@ExtendWith(ArquillianExtension.class)
class DeliveryIT {

    private static final int SAMPLE_PORT = Ports.SAMPLE;

    private static final int ACL_PORT = Ports.ACL;
    private static final int ECSTREAM_PORT = Ports.ECSTREAM;

    /**
     * The sample MDB as built, its descriptors written from src/test/conf/listeners.conf, and the test MDBs (their
     * listeners in their activation-config annotations: the mapper binds a conf file to one MDB class).
     */
    @Deployment(testable = false)
    static JavaArchive mdbs() {
        return SampleDeployment.withTestDescriptors()
                .addClasses(TransactionalTestMdb.class, StoreOnCommit.class, RecipientCheckTestMdb.class,
                        RecipientCheckingMdb.class, GroupCommitTestMdb.class, GroupCommitSmtpTestMdb.class,
                        GroupCommittingMdb.class);
    }

    @Test
    void theConfFilesPeerAclDecidesPerClient() throws Exception {
        // 127.0.0.2: its own Peer in the Listen (banner, size)
        assertEquals("220 two.acl.localhost", firstWords(SmtpProbe.greetingAndEhlo(ACL_PORT, "127.0.0.2").get(0)));
        assertTrue(SmtpProbe.greetingAndEhlo(ACL_PORT, "127.0.0.2").contains("250-SIZE 100"));
        // 127.0.0.3: the Listen's banner, the size of the listener's Peer 127.0.0.0/8
        List<String> three = SmtpProbe.greetingAndEhlo(ACL_PORT, "127.0.0.3");
        assertEquals("220 acl.localhost", firstWords(three.get(0)));
        assertTrue(three.contains("250-SIZE 4000"), three.toString());
        // on the sample's Listen the Listen sets the size itself, which wins over the listener's Peer
        assertTrue(SmtpProbe.greetingAndEhlo(SAMPLE_PORT, "127.0.0.3").contains("250-SIZE 52428800"));
    }

    @Test
    void aPeersSizeLimitIsEnforced() throws Exception {
        String token = token();
        SmtpSend.Result big = SmtpSend.sendFrom("127.0.0.2", ACL_PORT, simple(token), "s@client.test", "r@server.test");
        assertEquals(552, big.code(), big.reply());
        SmtpSend.Result fine = SmtpSend.sendFrom("127.0.0.3", ACL_PORT, simple(token), "s@client.test", "r@server.test");
        assertEquals(250, fine.code(), fine.reply());
    }

    @Test
    void anEcstreamProducerIsAcknowledgedOnlyForWhatWasStored() throws Exception {
        List<String> tokens = new ArrayList<>();
        List<byte[]> sent = new ArrayList<>();
        List<CompletableFuture<MessageReply>> replies = new ArrayList<>();
        // 60 pipelined messages over a batch limit of 50: the adapter holds the rest until replies go out
        try (EcstreamClient producer = EcstreamClient.connect("127.0.0.1", ECSTREAM_PORT)) {
            for (int i = 0; i < 60; i++) {
                String token = token();
                byte[] raw = message(token, "text/plain; charset=UTF-8", "8bit", "ECStream n\u00b0" + i + "\r\n.\r\n");
                tokens.add(token);
                sent.add(raw);
                replies.add(producer.send(new Envelope("producer@client.test", List.of("r@server.test")), raw));
            }
            for (CompletableFuture<MessageReply> reply : replies) {
                assertTrue(reply.get(60, TimeUnit.SECONDS).accepted(), reply.get().toString());
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            assertStoredExactly(tokens.get(i), sent.get(i));
        }
    }

    private static String firstWords(String greeting) {
        String[] words = greeting.split(" ");
        return words[0] + " " + words[1];
    }

    @Test
    void plainMessageIsStoredByteForByte() throws Exception {
        String token = token();
        byte[] raw = message(token, "text/plain; charset=US-ASCII", "7bit", "Hello from Jakarta Mail.\r\n");
        SmtpSend.Result result = SmtpSend.send(SAMPLE_PORT, raw, "sender@client.test", "rcpt@server.test");

        assertEquals(250, result.code(), result.reply());
        assertStoredExactly(token, result.sent());
    }

    @Test
    void multiRecipientMessageIsStoredOnce() throws Exception {
        String token = token();
        byte[] raw = message(token, "text/plain; charset=US-ASCII", "7bit", "To three.\r\n");
        SmtpSend.Result result = SmtpSend.send(SAMPLE_PORT, raw, "sender@client.test",
                "a@server.test", "b@server.test", "c@other.test");

        assertEquals(250, result.code(), result.reply());
        assertStoredExactly(token, result.sent());
    }

    @Test
    void eightBitMessageKeepsItsBytes() throws Exception {
        String token = token();
        byte[] raw = message(token, "text/plain; charset=UTF-8", "8bit",
                "Gr\u00fc\u00dfe, \u00e9t\u00e9, \u65e5\u672c\u8a9e, \ud83d\udce8\r\n");
        SmtpSend.Result result = SmtpSend.send(SAMPLE_PORT, raw, "sender@client.test", "rcpt@server.test");

        assertEquals(250, result.code(), result.reply());
        assertStoredExactly(token, result.sent());
    }

    @Test
    void twentyMegabyteMessageWithDotLinesIsStoredByteForByte() throws Exception {
        String token = token();
        StringBuilder body = new StringBuilder(21 << 20);
        String line = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\r\n";
        for (int i = 0; body.length() < 20 << 20; i++) {
            body.append(i % 1000 == 0 ? ".a line that starts with a dot\r\n" : i % 1001 == 0 ? ".\r\n" : line);
        }
        byte[] raw = message(token, "text/plain; charset=US-ASCII", "7bit", body.toString());
        SmtpSend.Result result = SmtpSend.send(SAMPLE_PORT, raw, "sender@client.test", "rcpt@server.test");

        assertEquals(250, result.code(), result.reply());
        assertTrue(result.sent().length > 20 << 20);
        assertStoredExactly(token, result.sent());
    }

    @Test
    void committedDeliveryIsStored() throws Exception {
        String token = token();
        SmtpSend.Result result = SmtpSend.send(TransactionalTestMdb.PORT, simple(token), "s@client.test", "ok@server.test");
        assertEquals(250, result.code(), result.reply());
        assertStoredExactly(token, result.sent());
    }

    @Test
    void mdbThatThrowsGets451AndNothingIsStored() throws Exception {
        String token = token();
        SmtpSend.Result result = SmtpSend.send(TransactionalTestMdb.PORT, simple(token), "s@client.test", "fail@server.test");
        assertEquals(451, result.code(), result.reply());
        assertTrue(result.reply().contains("4.3.0"), result.reply());
        assertEquals(List.of(), Mailbox.containing(token));
    }

    @Test
    void mdbThatMarksRollbackOnlyGets451AndNothingIsStored() throws Exception {
        String token = token();
        SmtpSend.Result result = SmtpSend.send(TransactionalTestMdb.PORT, simple(token), "s@client.test", "rollback@server.test");
        assertEquals(451, result.code(), result.reply());
        assertEquals(List.of(), Mailbox.containing(token));
    }

    @Test
    void mdbThatRejectsGivesItsOwnReply() throws Exception {
        String token = token();
        SmtpSend.Result result = SmtpSend.send(TransactionalTestMdb.PORT, simple(token), "s@client.test", "reject@server.test");
        assertEquals(550, result.code(), result.reply());
        assertTrue(result.reply().contains("5.7.1 refused by the test MDB"), result.reply());
        assertEquals(List.of(), Mailbox.containing(token));
    }

    @Test
    void theMdbsRecipientCheckRefusesSomeRecipientsAndTheMessageGoesToTheOthers() throws Exception {
        RecipientCheckScenario.run(RecipientCheckTestMdb.PORT);
    }

    @Test
    void aBatchMailListenerTakesPipelinedMessagesInBatchesEachWithItsOwnOutcome() throws Exception {
        GroupCommitScenario.run(Ports.BATCH);
    }

    @Test
    void aBatchMailListenerOnSmtpAnswersEachSenderOnItsOwn() throws Exception {
        GroupCommitScenario.runSmtp(Ports.BATCH_SMTP);
    }
}
