package org.mtalistener.mail;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.List;

/**
 * The {@code Received:} trace header (RFC 5321 section 4.4) the session puts in front of every message, e.g.
 * <pre>
 * Received: from client.example.org ([192.0.2.7] port 40123)
 *         by mx.example.com (MTA Listener Adapter) with ESMTP id 19A9E3B1C42-00000001
 *         for &lt;bob@example.com&gt;; Sat, 8 Mar 2025 11:21:51 -0500
 * </pre>
 */
public final class ReceivedHeader {

    /** The software name in the header's {@code by} clause, and in the SMTP greeting. */
    public static final String PRODUCT = "MTA Listener Adapter";

    /** How a client on a Unix domain socket is named: it has no address of its own. */
    private static final String LOCAL = "local";

    private ReceivedHeader() {
    }

    /**
     * The header of an SMTP session.
     *
     * @param heloName   the name from EHLO/HELO; empty if the client sent neither
     * @param esmtp      whether the client greeted with EHLO ({@code with ESMTP}) rather than HELO ({@code with SMTP})
     * @param tls        the session is under TLS: {@code with ESMTPS} (RFC 3848) after EHLO
     * @param smtpUtf8   the transaction said SMTPUTF8: {@code with UTF8SMTP} or {@code UTF8SMTPS} (RFC 6531 section
     *                   4.3); the header is then UTF-8 where a recipient is
     * @param clientName the client's host name (XCLIENT's NAME) before its address; null: none
     * @param recipients the forward paths; a {@code for} clause names the only one, never several (they would leak
     *                   the other recipients, RFC 5321 section 7.2)
     */
    public static String format(String heloName, boolean esmtp, boolean tls, boolean smtpUtf8, String clientName,
                                SocketAddress client, String byHost, String queueId, List<String> recipients,
                                String date) {
        String with = smtpUtf8 ? (tls ? "UTF8SMTPS" : "UTF8SMTP") : esmtp ? (tls ? "ESMTPS" : "ESMTP") : "SMTP";
        return format(heloName, with, clientName, client, byHost, queueId, recipients, date);
    }

    /**
     * The header for any protocol; {@code with} names it ({@code ESMTP}, {@code ECSTREAM}). Shared so the trace
     * header of every listener reads the same.
     */
    public static String format(String heloName, String with, SocketAddress client, String byHost, String queueId,
                                List<String> recipients, String date) {
        return format(heloName, with, null, client, byHost, queueId, recipients, date);
    }

    private static String format(String heloName, String with, String clientName, SocketAddress client,
                                 String byHost, String queueId, List<String> recipients, String date) {
        String literal = addressLiteral(client);
        String port = client instanceof InetSocketAddress inet ? " port " + inet.getPort() : "";
        StringBuilder header = new StringBuilder(200)
                .append("Received: from ").append(heloName.isEmpty() ? literal : heloName)
                .append(" (").append(clientName == null ? "" : clientName + " ").append(literal).append(port)
                .append(")\r\n")
                .append("\tby ").append(byHost).append(" (").append(PRODUCT).append(") with ")
                .append(with).append(" id ").append(queueId);
        if (recipients.size() == 1) {
            header.append("\r\n\tfor <").append(recipients.get(0)).append('>');
        }
        return header.append("; ").append(date).append("\r\n").toString();
    }

    /** The client's address as RFC 5321 writes it in a header: {@code [192.0.2.7]}, {@code [IPv6:2001:db8::7]}. */
    public static String addressLiteral(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress) {
            return LOCAL;
        }
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String prefix = inet.getAddress() instanceof Inet6Address ? "IPv6:" : "";
            return "[" + prefix + hostAddress(address) + "]";
        }
        return "[" + hostAddress(address) + "]";
    }

    /** The client's address as the EHLO reply shows it: the bare IP. */
    public static String hostAddress(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress) {
            return LOCAL;
        }
        if (address instanceof InetSocketAddress inet) {
            if (inet.getAddress() == null) {
                return inet.getHostString();
            }
            String ip = inet.getAddress().getHostAddress();
            int scope = ip.indexOf('%');
            return scope < 0 ? ip : ip.substring(0, scope);
        }
        return String.valueOf(address);
    }
}
