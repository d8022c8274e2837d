package org.mtalistener.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.mtalistener.auth.Credentials;
import org.mtalistener.auth.HttpDigest;

/**
 * Who may inject, as Momentum's HTTP_Listener decides it: {@code Always_Deny} refuses everyone, {@code Always_Allow}
 * lets everyone in, a verified client certificate counts under {@code TLS_Verified_Peer_Is_Authorized}, else HTTP
 * Basic credentials ({@code Authorization: Basic}) are checked against the {@code AuthPlainParameters} store and
 * Digest ones (RFC 7616, MD5, qop=auth) against the {@code AuthDigestMD5Parameters} store.
 *
 * @param basic                  the AuthPlainParameters store and realm; null when none applies
 * @param digest                 the AuthDigestMD5Parameters store and realm; null when none applies
 * @param nonces                 the listener's Digest nonces; null when {@code digest} is
 * @param required               whether a request needs credentials (Enable_Authentication)
 * @param verifiedPeerAuthorized TLS_Verified_Peer_Is_Authorized
 */
public record HttpAuth(Credentials basic, Credentials digest, DigestNonces nonces, boolean required, boolean alwaysAllow, boolean alwaysDeny,
                       boolean verifiedPeerAuthorized) {

    /** What becomes of a request. */
    public sealed interface Verdict {
        /** @param user who the client is; null: anonymous, where no one needs to say */
        record Allowed(String user) implements Verdict {
        }

        /**
         * 401 with a challenge: credentials missing or wrong.
         *
         * @param stale the Digest response was right for an expired nonce: the client may retry with a new one
         */
        record Challenged(String reason, boolean stale) implements Verdict {
            Challenged(String reason) {
                this(reason, false);
            }
        }

        /** 403: this client may not inject at all (Always_Deny). */
        record Forbidden() implements Verdict {
        }
    }

    public HttpAuth {
        if (digest != null && nonces == null) {
            throw new IllegalArgumentException("Digest credentials need the listener's nonces");
        }
    }

    /** The realm of the Basic challenge. */
    String realm() {
        return basic != null && basic.realm() != null ? basic.realm() : "mta-listener";
    }

    /** The realm of the Digest challenge, whose user lines an htdigest store must hold. */
    String digestRealm() {
        return digest.realm() != null ? digest.realm() : "mta-listener";
    }

    /** The WWW-Authenticate values of a 401: Digest when its store applies, Basic when its does or none does. */
    List<String> challenges(boolean stale) {
        List<String> challenges = new ArrayList<>(2);
        if (digest != null) {
            challenges.add("Digest realm=\"" + quote(digestRealm()) + "\", nonce=\"" + nonces.issue()
                    + "\", qop=\"auth\", algorithm=MD5" + (stale ? ", stale=true" : ""));
        }
        if (basic != null || digest == null) {
            challenges.add("Basic realm=\"" + quote(realm()) + "\", charset=\"UTF-8\"");
        }
        return challenges;
    }

    private static String quote(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * @param authorization         the request's Authorization header; null when it has none
     * @param method                the request's method, part of a Digest response
     * @param uri                   the request-target, which a Digest response must name
     * @param verifiedClientSubject the subject of a client certificate that verified; null when none did
     */
    Verdict check(String authorization, String method, String uri, String verifiedClientSubject) {
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
        if (authorization.regionMatches(true, 0, "Digest ", 0, 7)) {
            return digest(HttpDigest.parse(authorization.substring(7)), method, uri);
        }
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Verdict.Challenged("only Basic or Digest credentials are taken");
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

    private Verdict digest(HttpDigest credentials, String method, String uri) {
        if (digest == null) {
            return new Verdict.Challenged("no AuthDigestMD5Parameters store to check Digest credentials against");
        }
        if (credentials == null) {
            return new Verdict.Challenged("malformed Digest credentials, or not MD5 with qop=auth");
        }
        if (!credentials.uri().equals(uri) || !credentials.realm().equals(digestRealm())) {
            return new Verdict.Challenged("Digest credentials for another URI or realm");
        }
        if (!credentials.verify(digest, method)) {
            return new Verdict.Challenged("wrong user or password");
        }
        return switch (nonces.use(credentials.nonce(), credentials.count())) {
            case FRESH -> new Verdict.Allowed(credentials.username());
            case STALE -> new Verdict.Challenged("Digest nonce expired or unknown", true);
            case REPLAYED -> new Verdict.Challenged("Digest nonce count used before: a replay");
        };
    }
}
