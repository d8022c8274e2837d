package org.mtalistener.it.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.it.Mailbox.assertStoredExactly;
import static org.mtalistener.it.TestMessages.message;
import static org.mtalistener.it.TestMessages.simple;
import static org.mtalistener.it.TestMessages.token;

import java.io.File;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.mtalistener.it.Mailbox;
import org.mtalistener.it.SmtpSend;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The RAR and the sample MDB (as built, with its descriptors) on a real Payara Micro, fed by Jakarta Mail over
 * real sockets; plus a test MDB that stores only on commit, to show that failures never reach the Maildir.
 */
@ExtendWith(ArquillianExtension.class)
class DeliveryIT {

    private static final int SAMPLE_PORT = 2525;

    @Deployment(testable = false)
    static JavaArchive mdbs() {
        return ShrinkWrap.createFromZipFile(JavaArchive.class, new File(System.getProperty("it.sampleMdbJar")))
                .addClasses(TransactionalTestMdb.class);
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
}
