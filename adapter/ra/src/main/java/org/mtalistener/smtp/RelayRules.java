package org.mtalistener.smtp;

import java.util.List;
import java.util.Locale;

/**
 * Who may send mail to domains that are not local (relay control): a recipient outside {@code localDomains} is
 * taken only when the client may relay (Open_Relay, or its address is in Relay_Hosts) or the sender's domain is in
 * Relay_For_Sending_Domains, or the client authenticated (SMTP AUTH, or a verified certificate under
 * TLS_Verified_Peer_Can_Relay); otherwise {@code 550 5.7.1 relaying denied}.
 *
 * @param localDomains           domains taken for anyone: {@code example.com}, {@code *.example.com} (its subdomains);
 *                               empty: every domain is local
 * @param clientMayRelay         Open_Relay, or the client's address is in Relay_Hosts
 * @param relayForSendingDomains sender domains that may relay (same patterns); empty: every sender; null: none
 * @param verifiedPeerMayRelay   TLS_Verified_Peer_Can_Relay: a client whose certificate verified may relay
 */
public record RelayRules(List<String> localDomains, boolean clientMayRelay, List<String> relayForSendingDomains,
                         boolean verifiedPeerMayRelay) {

    /** Every domain is local: nothing is relaying. */
    public static final RelayRules EVERY_DOMAIN_LOCAL = new RelayRules(List.of(), false, null);

    /** Rules under which a verified certificate alone does not let a client relay. */
    public RelayRules(List<String> localDomains, boolean clientMayRelay, List<String> relayForSendingDomains) {
        this(localDomains, clientMayRelay, relayForSendingDomains, false);
    }

    public RelayRules {
        localDomains = List.copyOf(localDomains);
        relayForSendingDomains = relayForSendingDomains == null ? null : List.copyOf(relayForSendingDomains);
    }

    /**
     * Whether mail from {@code sender} to {@code recipient} may be taken (addresses without brackets);
     * {@code authenticated}: the client authenticated, which lets it relay.
     */
    boolean allows(String sender, String recipient, boolean authenticated) {
        return allows(sender, recipient, authenticated, false);
    }

    /** As above; {@code verifiedPeer}: the client's certificate verified, which lets it relay where the rules say. */
    boolean allows(String sender, String recipient, boolean authenticated, boolean verifiedPeer) {
        if (localDomains.isEmpty() || matches(localDomains, domainOf(recipient)) || clientMayRelay || authenticated
                || verifiedPeer && verifiedPeerMayRelay) {
            return true;
        }
        return relayForSendingDomains != null
                && (relayForSendingDomains.isEmpty() || matches(relayForSendingDomains, domainOf(sender)));
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean matches(List<String> patterns, String domain) {
        for (String pattern : patterns) {
            String p = pattern.toLowerCase(Locale.ROOT);
            if (p.startsWith("*.") ? domain.endsWith(p.substring(1)) : domain.equals(p)) {
                return true;
            }
        }
        return false;
    }
}
