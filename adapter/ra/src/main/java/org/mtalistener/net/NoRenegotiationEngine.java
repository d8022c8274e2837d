package org.mtalistener.net;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * A server {@link SSLEngine} that refuses renegotiation, for TLS_Allow_Renegotiation = false. The JDK can only refuse
 * client-initiated renegotiation for the whole JVM ({@code jdk.tls.rejectClientInitiatedRenegotiation}, read once),
 * so this refuses it per connection: once the first handshake has finished, a TLS record of the handshake type from
 * the client can only be a renegotiating ClientHello (TLS 1.2 and older; TLS 1.3 has no renegotiation and sends its
 * post-handshake messages, KeyUpdate among them, inside application-data records). Such a record is not handed to
 * the JDK: the engine closes its outbound side and unwrap throws {@link Refused}, and the connection is closed, as
 * Netty's own OpenSSL engine does with every remote-initiated renegotiation. Everything else is the JDK engine's.
 */
public final class NoRenegotiationEngine extends SSLEngine {

    /** The record type of a handshake message (RFC 5246 section 6.2.1). */
    private static final int HANDSHAKE = 22;

    /** The client tried to renegotiate on a connection that refuses it. */
    public static final class Refused extends SSLHandshakeException {
        private static final long serialVersionUID = 1L;

        Refused() {
            super("TLS renegotiation refused (TLS_Allow_Renegotiation = false)");
        }
    }

    private final SSLEngine engine;
    /** Set when the JDK reports the first handshake finished; from then on no handshake record is taken. */
    private boolean established;
    /** Set once a renegotiation was refused: the engine is closed, and says so once. */
    private boolean refused;

    public NoRenegotiationEngine(SSLEngine engine) {
        super(engine.getPeerHost(), engine.getPeerPort());
        this.engine = engine;
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        if (refused) {
            // Netty decodes what is left once more as the connection closes; the refusal has been reported
            return new SSLEngineResult(SSLEngineResult.Status.CLOSED, SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING,
                    0, 0);
        }
        // The JDK's unwrap reads one record at a time, so the byte at the position is the type of the next one.
        if (established && src.hasRemaining() && (src.get(src.position()) & 0xff) == HANDSHAKE) {
            refused = true;
            engine.closeOutbound();
            throw new Refused();
        }
        return noted(engine.unwrap(src, dsts, offset, length));
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        return noted(engine.wrap(srcs, offset, length, dst));
    }

    private SSLEngineResult noted(SSLEngineResult result) {
        if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
            established = true;
        }
        return result;
    }

    // The rest is the JDK engine's.

    @Override
    public Runnable getDelegatedTask() {
        return engine.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
        engine.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
        return engine.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        engine.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return engine.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        engine.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return engine.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        engine.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return engine.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return engine.getHandshakeSession();
    }

    @Override
    public void beginHandshake() throws SSLException {
        engine.beginHandshake();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        return engine.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        engine.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return engine.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        engine.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return engine.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        engine.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return engine.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        engine.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return engine.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return engine.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        engine.setSSLParameters(params);
    }

    @Override
    public String getApplicationProtocol() {
        return engine.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return engine.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        engine.setHandshakeApplicationProtocolSelector(selector);
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return engine.getHandshakeApplicationProtocolSelector();
    }

    @Override
    public String toString() {
        return engine.toString();
    }
}
