package org.mtalistener.it;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
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

    /** A client on {@code port} of 127.0.0.1 with TLS and AUTH as the test asks, e.g. {@code to(2606).startTls(ctx)}. */
    public static Client to(int port) {
        return new Client(port);
    }

    /** Jakarta Mail with STARTTLS, implicit TLS, AUTH and a local address as chosen; {@link #send} sends. */
    public static final class Client {

        private final Properties props = new Properties();
        private String user;
        private String password;

        private Client(int port) {
            props.put("mail.smtp.localaddress", "127.0.0.1");
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", String.valueOf(port));
            props.put("mail.smtp.localhost", "client.test");
            props.put("mail.smtp.connectiontimeout", "10000");
            props.put("mail.smtp.timeout", "30000");
        }

        public Client from(String localAddress) {
            props.put("mail.smtp.localaddress", localAddress);
            return this;
        }

        /** STARTTLS, required, with {@code tls} (its trust, and its client certificate if it has one). */
        public Client startTls(SSLContext tls) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
            return tls(tls);
        }

        /** TLS from the first byte (port 465 style). */
        public Client implicitTls(SSLContext tls) {
            props.put("mail.smtp.ssl.enable", "true");
            return tls(tls);
        }

        private Client tls(SSLContext tls) {
            props.put("mail.smtp.ssl.socketFactory", tls.getSocketFactory());
            props.put("mail.smtp.ssl.checkserveridentity", "true");
            return this;
        }

        /** AUTH with this mechanism only: PLAIN, LOGIN, DIGEST-MD5 (Jakarta Mail's own) or CRAM-MD5 (its SASL). */
        public Client login(String user, String password, String mechanism) {
            this.user = user;
            this.password = password;
            props.put("mail.smtp.auth", "true");
            if (mechanism.equals("CRAM-MD5")) {
                props.put("mail.smtp.sasl.enable", "true");
                props.put("mail.smtp.sasl.mechanisms", "CRAM-MD5");
            } else {
                props.put("mail.smtp.auth.mechanisms", mechanism);
            }
            return this;
        }

        /**
         * Sends {@code raw}; the result is the server's reply to the end of DATA, or its refusal of the message or
         * of the (first refused) recipient. Connecting, TLS and AUTH failures are thrown.
         */
        public Result send(byte[] raw, String sender, String... to) throws MessagingException, IOException {
            props.put("mail.smtp.from", sender);
            Session session = Session.getInstance(props);
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
            Address[] recipients = new Address[to.length];
            for (int i = 0; i < to.length; i++) {
                recipients[i] = new InternetAddress(to[i]);
            }
            SMTPTransport transport = (SMTPTransport) session.getTransport("smtp");
            transport.connect(user, password);
            try {
                transport.sendMessage(message, recipients);
                return new Result(transport.getLastReturnCode(), transport.getLastServerResponse(), bytes(message));
            } catch (SMTPSendFailedException e) {
                return new Result(e.getReturnCode(), e.getMessage(), bytes(message));
            } catch (SendFailedException e) {
                for (Exception next = e.getNextException(); next != null;
                     next = next instanceof MessagingException m ? m.getNextException() : null) {
                    if (next instanceof SMTPAddressFailedException refused) {
                        return new Result(refused.getReturnCode(), refused.getMessage(), bytes(message));
                    }
                }
                throw e;
            } finally {
                transport.close();
            }
        }
    }

    private static byte[] bytes(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
