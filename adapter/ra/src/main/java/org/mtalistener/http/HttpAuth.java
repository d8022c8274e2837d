package org.mtalistener.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.mtalistener.auth.Credentials;

/**
 * Who may inject, as Momentum's HTTP_Listener decides it: {@code Always_Deny} refuses everyone, {@code Always_Allow}
 * lets everyone in, a verified client certificate counts under {@code TLS_Verified_Peer_Is_Authorized}, else HTTP
 * Basic credentials ({@code Authorization: Basic}) are checked against the {@code AuthPlainParameters} store.
 *
 * @param basic                  the AuthPlainParameters store and realm; null when none applies
 * @param required               whether a request needs credentials (Enable_Authentication)
 * @param verifiedPeerAuthorized TLS_Verified_Peer_Is_Authorized
 */
public record HttpAuth(Credentials basic, boolean required, boolean alwaysAllow, boolean alwaysDeny,
                       boolean verifiedPeerAuthorized) {

    /** What becomes of a request. */
    public sealed interface Verdict {
        /** @param user who the client is; null: anonymous, where no one needs to say */
        record Allowed(String user) implements Verdict {
        }

        /** 401 with a Basic challenge: credentials missing or wrong. */
        record Challenged(String reason) implements Verdict {
        }

        /** 403: this client may not inject at all (Always_Deny). */
        record Forbidden() implements Verdict {
        }
    }

    /** The realm of the Basic challenge. */
    String realm() {
        return basic != null && basic.realm() != null ? basic.realm() : "mta-listener";
    }

    /**
     * @param authorization         the request's Authorization header; null when it has none
     * @param verifiedClientSubject the subject of a client certificate that verified; null when none did
     */
    Verdict check(String authorization, String verifiedClientSubject) {
        if (alwaysDeny) {
            return new Verdict.Forbidden();
        }
        if (alwaysAllow) {
            return new Verdict.Allowed("anonymous");
        }
        if (verifiedPeerAuthorized && verifiedClientSubject != null) {
            return new Verdict.Allowed(verifiedClientSubject);
        }
        if (authorization == null) {
            return required ? new Verdict.Challenged("no credentials") : new Verdict.Allowed(null);
        }
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Verdict.Challenged("only Basic credentials are taken");
        }
        if (basic == null) {
            return new Verdict.Challenged("no AuthPlainParameters store to check credentials against");
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Verdict.Challenged("credentials not in base64");
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return new Verdict.Challenged("credentials without user:password");
        }
        String user = pair.substring(0, colon);
        return basic.store().verify(user, pair.substring(colon + 1), basic.realm())
                ? new Verdict.Allowed(user) : new Verdict.Challenged("wrong user or password");
    }
}
