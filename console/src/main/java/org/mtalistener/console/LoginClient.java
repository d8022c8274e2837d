package org.mtalistener.console;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;

/**
 * The client side of LOGIN (draft-murchison-sasl-login), which the JDK does not provide: answers the
 * {@code Username:} challenge with the user and {@code Password:} with the password. A challenge of other words is
 * answered by its place, user first.
 */
final class LoginClient implements SaslClient {

    private final String user;
    private final char[] password;
    private int answered;

    LoginClient(String user, char[] password) {
        this.user = user;
        this.password = password.clone();
    }

    @Override
    public String getMechanismName() {
        return "LOGIN";
    }

    @Override
    public boolean hasInitialResponse() {
        return false;
    }

    @Override
    public byte[] evaluateChallenge(byte[] challenge) throws SaslException {
        if (answered == 2) {
            throw new SaslException("LOGIN: a third challenge, after the user and the password");
        }
        String prompt = new String(challenge, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        boolean askPassword = prompt.startsWith("pass") || (!prompt.startsWith("user") && answered == 1);
        answered++;
        if (!askPassword) {
            return user.getBytes(StandardCharsets.UTF_8);
        }
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    @Override
    public boolean isComplete() {
        return answered == 2;
    }

    @Override
    public byte[] unwrap(byte[] incoming, int offset, int len) throws SaslException {
        throw new IllegalStateException("LOGIN has no security layer");
    }

    @Override
    public byte[] wrap(byte[] outgoing, int offset, int len) throws SaslException {
        throw new IllegalStateException("LOGIN has no security layer");
    }

    @Override
    public Object getNegotiatedProperty(String propName) {
        return null;
    }

    @Override
    public void dispose() {
        Arrays.fill(password, '\0');
    }
}
