package org.mtalistener.it;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/** Sends raw RFC 5322 bytes with Jakarta Mail (Angus) and tells what the server answered at the end of DATA. */
public final class SmtpSend {

    /** The server's last reply and the bytes Jakarta Mail sent as content (before dot-stuffing). */
    public record Result(int code, String reply, byte[] sent) {
        public boolean accepted() {
            return code == 250;
        }
    }

    private SmtpSend() {
    }

    public static Result send(int port, byte[] raw, String from, String... to) throws MessagingException, IOException {
        return sendFrom("127.0.0.1", port, raw, from, to);
    }

    /** As {@link #send}, with the client's socket bound to {@code localAddress} (any of 127.0.0.0/8). */
    public static Result sendFrom(String localAddress, int port, byte[] raw, String from, String... to)
            throws MessagingException, IOException {
        Properties props = new Properties();
        props.put("mail.smtp.localaddress", localAddress);
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.localhost", "client.test");
        props.put("mail.smtp.allow8bitmime", "true");
        props.put("mail.smtp.from", from);
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "120000");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        Address[] recipients = new Address[to.length];
        for (int i = 0; i < to.length; i++) {
            recipients[i] = new InternetAddress(to[i]);
        }
        SMTPTransport transport = (SMTPTransport) session.getTransport("smtp");
        transport.connect();
        try {
            transport.sendMessage(message, recipients);
            return new Result(transport.getLastReturnCode(), transport.getLastServerResponse(), bytes(message));
        } catch (SMTPSendFailedException e) {
            return new Result(e.getReturnCode(), e.getMessage(), bytes(message));
        } finally {
            transport.close();
        }
    }

    private static byte[] bytes(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
