package org.mtalistener.ra;

import static org.mtalistener.conf.options.ListenerOptions.*;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.util.List;
import java.util.Map;
import org.mtalistener.api.ControlListener;
import org.mtalistener.api.MailListener;
import org.mtalistener.auth.PasswordStores;
import org.mtalistener.conf.map.Activations;
import org.mtalistener.conf.model.Authorization;
import org.mtalistener.conf.model.ConfLoader;
import org.mtalistener.conf.model.PeerScope;
import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.options.OptionException;
import org.mtalistener.conf.options.OptionRegistry;
import org.mtalistener.conf.options.ScopeKind;
import org.mtalistener.conf.parse.ConfException;
import org.mtalistener.conf.values.ListenAddress;
import org.mtalistener.control.Permissions;
import org.mtalistener.net.TlsContexts;
import org.mtalistener.smtp.SmtpSettings;

/**
 * The configuration of one listener socket, bound to one MDB: the activation-config properties of a
 * {@code <message-driven>} (or {@code @ActivationConfigProperty}). Property names are the ecelerity.conf option names
 * in camel case ({@code Max_Message_Size} → {@code maxMessageSize}).
 *
 * <p>A passive bean: each option property is read once, when it is set, into {@link OptionValues} by the registry's
 * typed constant, and gives back what it was set to. {@link #validate()} builds the {@link ActivationConfig} an
 * activation runs on, which reports every bad property at once, so a bad value fails the deployment with the property
 * named, not the first connection.
 *
 * <p>A Control_Listener (console) activation has, besides its options, {@code authorizationRoles}: the top-level
 * Authorization scope's Role scopes as conf text, which the mapper writes when the conf file has that scope.
 * Every activation the mapper writes has {@code confFile}, the file it was mapped from.
 *
 * <p>An MDB that takes batches ({@code BatchMailListener}) is activated with the subclass
 * {@link BatchListenerActivationSpec}.
 */
@Activation(messageListeners = {MailListener.class, ControlListener.class})
public class ListenerActivationSpec implements ActivationSpec {

    static final String ESMTP_LISTENER = "ESMTP_Listener";
    static final String ECSTREAM_LISTENER = "ECStream_Listener";
    static final String CONTROL_LISTENER = "Control_Listener";
    static final String QMQP_LISTENER = "QMQP_Listener";
    static final String HTTP_LISTENER = "HTTP_Listener";

    private ResourceAdapter resourceAdapter;

    private String listenerType = ESMTP_LISTENER;
    private String listen;
    private String listenPeers;
    private String listenerPeers;
    private String authorizationRoles;
    private String confFile;
    private OptionValues options = new OptionValues();

    @Override
    public void validate() throws InvalidPropertyException {
        ActivationConfig.of(this);
    }

    /** The option properties as set. */
    OptionValues options() {
        return options;
    }

    /** Which listener this activation runs; an unknown listenerType (which validation refuses) reads as ESMTP. */
    ScopeKind listenerKind() {
        if (ECSTREAM_LISTENER.equalsIgnoreCase(listenerType)) {
            return ScopeKind.ECSTREAM_LISTENER;
        }
        if (QMQP_LISTENER.equalsIgnoreCase(listenerType)) {
            return ScopeKind.QMQP_LISTENER;
        }
        if (HTTP_LISTENER.equalsIgnoreCase(listenerType)) {
            return ScopeKind.HTTP_LISTENER;
        }
        return CONTROL_LISTENER.equalsIgnoreCase(listenerType) ? ScopeKind.CONTROL_LISTENER : ScopeKind.ESMTP_LISTENER;
    }

    /** A spec with the same properties, whose options change apart from these (the console's changes). */
    ListenerActivationSpec copy() {
        ListenerActivationSpec copy = new ListenerActivationSpec();
        copy.listenerType = listenerType;
        copy.listen = listen;
        copy.listenPeers = listenPeers;
        copy.listenerPeers = listenerPeers;
        copy.authorizationRoles = authorizationRoles;
        copy.confFile = confFile;
        copy.options = options.copy();
        return copy;
    }

    /**
     * Sets a property from its text, as a container does from a descriptor's activation-config property (the
     * console's {@code config reload} sets what the mapper writes).
     *
     * @throws IllegalArgumentException for a property the spec does not have
     */
    void setProperty(String property, String text) {
        switch (property) {
            case "listenerType" -> listenerType = text;
            case "listen" -> listen = text;
            case Activations.LISTEN_PEERS -> listenPeers = text;
            case Activations.LISTENER_PEERS -> listenerPeers = text;
            case Activations.AUTHORIZATION_ROLES -> authorizationRoles = text;
            case Activations.CONF_FILE -> confFile = text;
            default -> options.setText(OptionRegistry.standard().findByPropertyName(property).orElseThrow(() ->
                    new IllegalArgumentException("no activation property " + property)), text);
        }
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        this.resourceAdapter = ra;
    }

    public String getListenerType() {
        return listenerType;
    }

    public void setListenerType(String listenerType) {
        this.listenerType = listenerType;
    }

    public String getListen() {
        return listen;
    }

    public void setListen(String listen) {
        this.listen = listen;
    }

    public String getListenPeers() {
        return listenPeers;
    }

    /** The Listen's Peer scopes as ecelerity.conf text, e.g. {@code Peer "10.0.0.0/8" { Idle_Time = 30 }}. */
    public void setListenPeers(String listenPeers) {
        this.listenPeers = listenPeers;
    }

    public String getListenerPeers() {
        return listenerPeers;
    }

    /** The listener's Peer scopes, without the options the Listen sets itself (the mapper leaves those out). */
    public void setListenerPeers(String listenerPeers) {
        this.listenerPeers = listenerPeers;
    }

    public String getAuthorizationRoles() {
        return authorizationRoles;
    }

    /**
     * Console: the Role scopes of the conf file's Authorization scope, as conf text:
     * {@code Role "admin" { allow = ( "^config" "^summary$" ) }}.
     */
    public void setAuthorizationRoles(String authorizationRoles) {
        this.authorizationRoles = authorizationRoles;
    }

    public String getConfFile() {
        return confFile;
    }

    /**
     * The conf file the mapper read, as an absolute path: the console's {@code config reload} reads it again. Not
     * set in a descriptor written by hand; then {@code config reload} goes back to these properties.
     */
    public void setConfFile(String confFile) {
        this.confFile = confFile;
    }

    // The options, each read into the registry's typed constant of the same name.

    public boolean isEnable() {
        return options.get(ENABLE);
    }

    /** false: the activation binds nothing (the listener stays configured, as in ecelerity.conf). */
    public void setEnable(boolean enable) {
        options.set(ENABLE, enable);
    }

    public int getListenBacklog() {
        return options.count(LISTEN_BACKLOG);
    }

    public void setListenBacklog(int listenBacklog) {
        options.set(LISTEN_BACKLOG, (long) listenBacklog);
    }

    public boolean isDisableNagleAlgorithm() {
        return options.get(DISABLE_NAGLE_ALGORITHM);
    }

    /** TCP_NODELAY on accepted TCP connections; false: small writes may wait for Nagle's coalescing. */
    public void setDisableNagleAlgorithm(boolean disableNagleAlgorithm) {
        options.set(DISABLE_NAGLE_ALGORITHM, disableNagleAlgorithm);
    }

    public int getTcpRecvBufferSize() {
        return options.count(TCP_RECV_BUFFER_SIZE);
    }

    /** SO_RCVBUF of accepted TCP connections, in bytes; 0: the system's. */
    public void setTcpRecvBufferSize(int tcpRecvBufferSize) {
        options.set(TCP_RECV_BUFFER_SIZE, (long) tcpRecvBufferSize);
    }

    public int getTcpSendBufferSize() {
        return options.count(TCP_SEND_BUFFER_SIZE);
    }

    /** SO_SNDBUF of accepted TCP connections, in bytes; 0: the system's. */
    public void setTcpSendBufferSize(int tcpSendBufferSize) {
        options.set(TCP_SEND_BUFFER_SIZE, (long) tcpSendBufferSize);
    }

    public int getConcurrency() {
        return options.count(CONCURRENCY);
    }

    /** Event-loop threads for this socket; 0 means one per processor. */
    public void setConcurrency(int concurrency) {
        options.set(CONCURRENCY, (long) concurrency);
    }

    public int getIdleTime() {
        return options.count(IDLE_TIME);
    }

    /** Seconds a client may stay silent, in any state including DATA, before it gets 421 4.4.2; 0 = never. */
    public void setIdleTime(int idleTime) {
        options.set(IDLE_TIME, (long) idleTime);
    }

    public long getMaxMessageSize() {
        return options.get(MAX_MESSAGE_SIZE);
    }

    /** Bytes of content (without the Received header) accepted per message; 0 = unlimited. */
    public void setMaxMessageSize(long maxMessageSize) {
        options.set(MAX_MESSAGE_SIZE, maxMessageSize);
    }

    public int getMaxRecipientsPerMessage() {
        return options.count(MAX_RECIPIENTS_PER_MESSAGE);
    }

    public void setMaxRecipientsPerMessage(int maxRecipientsPerMessage) {
        options.set(MAX_RECIPIENTS_PER_MESSAGE, (long) maxRecipientsPerMessage);
    }

    public String getBannerHostname() {
        return options.text(BANNER_HOSTNAME);
    }

    public void setBannerHostname(String bannerHostname) {
        options.setText(BANNER_HOSTNAME, bannerHostname);
    }

    public String getReceivedHostname() {
        return options.text(RECEIVED_HOSTNAME);
    }

    public void setReceivedHostname(String receivedHostname) {
        options.setText(RECEIVED_HOSTNAME, receivedHostname);
    }

    public int getMaxConcurrentDeliveries() {
        return options.count(MAX_CONCURRENT_DELIVERIES);
    }

    /**
     * Deliveries to this MDB in progress at once. Keep it below the MDB pool's maximum and below the adapter's
     * thread pool minus the event loops; sessions over the cap wait, reading nothing, until a delivery ends.
     */
    public void setMaxConcurrentDeliveries(int maxConcurrentDeliveries) {
        options.set(MAX_CONCURRENT_DELIVERIES, (long) maxConcurrentDeliveries);
    }

    public String getFileMode() {
        return options.text(FILE_MODE);
    }

    /** Permissions of a Unix domain socket's file, in octal (as in ecelerity.conf): 0660 = owner and group. */
    public void setFileMode(String fileMode) {
        options.setText(FILE_MODE, fileMode);
    }

    public String getRelayHosts() {
        return options.text(RELAY_HOSTS);
    }

    /** Blocks whose clients may relay, as a conf array: {@code ( "127.0.0.0/8" "10.0.0.0/8" )}. */
    public void setRelayHosts(String relayHosts) {
        options.setText(RELAY_HOSTS, relayHosts);
    }

    public boolean isOpenRelay() {
        return options.get(OPEN_RELAY);
    }

    /** true: every client may relay (write it in a Peer scope, for the clients you trust). */
    public void setOpenRelay(boolean openRelay) {
        options.set(OPEN_RELAY, openRelay);
    }

    public boolean isTlsVerifiedPeerCanRelay() {
        return options.get(TLS_VERIFIED_PEER_CAN_RELAY);
    }

    /** true: a client whose certificate verified against TLS_Client_CA may relay, as an authenticated one may. */
    public void setTlsVerifiedPeerCanRelay(boolean tlsVerifiedPeerCanRelay) {
        options.set(TLS_VERIFIED_PEER_CAN_RELAY, tlsVerifiedPeerCanRelay);
    }

    public String getRelayForSendingDomains() {
        return options.text(RELAY_FOR_SENDING_DOMAINS);
    }

    /** Sender domains that may relay, as a conf array: {@code ( "example.com" "*.example.com" )}; {@code ( )}: any. */
    public void setRelayForSendingDomains(String relayForSendingDomains) {
        options.setText(RELAY_FOR_SENDING_DOMAINS, relayForSendingDomains);
    }

    public String getLocalDomains() {
        return options.text(LOCAL_DOMAINS);
    }

    /** The domains mail is taken for from anyone, as a conf array; unset: every domain. */
    public void setLocalDomains(String localDomains) {
        options.setText(LOCAL_DOMAINS, localDomains);
    }

    public boolean isRecipientCheck() {
        return options.get(RECIPIENT_CHECK);
    }

    /**
     * true: each recipient that passed the listener's own checks goes to the MDB's {@code checkRecipient} before
     * RCPT TO is answered (ESMTP only).
     */
    public void setRecipientCheck(boolean recipientCheck) {
        options.set(RECIPIENT_CHECK, recipientCheck);
    }

    public String getBareNewlinePolicy() {
        return options.text(BARE_NEWLINE_POLICY);
    }

    /** reject, normalize or allow: what a bare CR, a bare LF or a NUL in a command or a message gets. */
    public void setBareNewlinePolicy(String bareNewlinePolicy) {
        options.setText(BARE_NEWLINE_POLICY, bareNewlinePolicy);
    }

    public int getMaxSessionsPerClient() {
        return options.count(MAX_SESSIONS_PER_CLIENT);
    }

    /** Most concurrent sessions of one client IP address; 0 = no limit. */
    public void setMaxSessionsPerClient(int maxSessionsPerClient) {
        options.set(MAX_SESSIONS_PER_CLIENT, (long) maxSessionsPerClient);
    }

    // HTTP_Listener's own

    public long getMaxRequestSize() {
        return options.get(MAX_REQUEST_SIZE);
    }

    /** Bytes of one HTTP request body; more gets 413. 0 = unlimited. */
    public void setMaxRequestSize(long maxRequestSize) {
        options.set(MAX_REQUEST_SIZE, maxRequestSize);
    }

    public boolean isDisableChunked() {
        return options.get(DISABLE_CHUNKED);
    }

    /** true: a chunked HTTP request body gets 411. */
    public void setDisableChunked(boolean disableChunked) {
        options.set(DISABLE_CHUNKED, disableChunked);
    }

    public boolean isLogRequestsToPaniclog() {
        return options.get(LOG_REQUESTS_TO_PANICLOG);
    }

    /** true: one access-log line per HTTP request, at INFO. */
    public void setLogRequestsToPaniclog(boolean logRequestsToPaniclog) {
        options.set(LOG_REQUESTS_TO_PANICLOG, logRequestsToPaniclog);
    }

    public boolean isTlsVerifiedPeerIsAuthorized() {
        return options.get(TLS_VERIFIED_PEER_IS_AUTHORIZED);
    }

    /** true: an HTTP request whose client certificate verified needs no credentials. */
    public void setTlsVerifiedPeerIsAuthorized(boolean tlsVerifiedPeerIsAuthorized) {
        options.set(TLS_VERIFIED_PEER_IS_AUTHORIZED, tlsVerifiedPeerIsAuthorized);
    }

    public int getMinDataRate() {
        return options.count(MIN_DATA_RATE);
    }

    /** Octets a second that earn a message's content a second more than Idle_Time; 0 = silence only bounds it. */
    public void setMinDataRate(int minDataRate) {
        options.set(MIN_DATA_RATE, (long) minDataRate);
    }

    // -- gate: black-hole listening and refusing at connect (issue 13) --
    public String getBlackhole() {
        return options.text(BLACKHOLE);
    }

    /** off, discard or store: for measuring only, accept every message without calling the MDB. */
    public void setBlackhole(String blackhole) {
        options.setText(BLACKHOLE, blackhole);
    }

    public boolean isConnectionCheck() {
        return options.get(CONNECTION_CHECK);
    }

    /** true: each new connection goes to the MDB's {@code checkConnection} before the banner (ESMTP only). */
    public void setConnectionCheck(boolean connectionCheck) {
        options.set(CONNECTION_CHECK, connectionCheck);
    }

    public boolean isRejectConnections() {
        return options.get(REJECT_CONNECTIONS);
    }

    /** true: every client (of a Peer, when a Peer says it) is refused at connect, before any banner. */
    public void setRejectConnections(boolean rejectConnections) {
        options.set(REJECT_CONNECTIONS, rejectConnections);
    }

    public String getRejectConnectionsText() {
        return options.text(REJECT_CONNECTIONS_TEXT);
    }

    /** The text of the {@code 554 5.7.1} reply to a client refused at connect. */
    public void setRejectConnectionsText(String rejectConnectionsText) {
        options.setText(REJECT_CONNECTIONS_TEXT, rejectConnectionsText);
    }
    // -- end gate --

    public String getTlsCertificate() {
        return options.text(TLS_CERTIFICATE);
    }

    /** PEM file with the certificate chain, and the private key unless {@code tlsKey} names it; none: no TLS. */
    public void setTlsCertificate(String tlsCertificate) {
        options.setText(TLS_CERTIFICATE, tlsCertificate);
    }

    public String getTlsKey() {
        return options.text(TLS_KEY);
    }

    /** PEM file with the private key (PKCS#8, PKCS#1 or SEC 1, unencrypted). */
    public void setTlsKey(String tlsKey) {
        options.setText(TLS_KEY, tlsKey);
    }

    public String getTlsClientCa() {
        return options.text(TLS_CLIENT_CA);
    }

    /** PEM bundle of the CAs that client certificates are verified against. */
    public void setTlsClientCa(String tlsClientCa) {
        options.setText(TLS_CLIENT_CA, tlsClientCa);
    }

    public String getTlsVerifyMode() {
        return options.text(TLS_VERIFY_MODE);
    }

    /** none, optional (verified if sent and tlsClientCa is set) or require (no verified certificate, no TLS). */
    public void setTlsVerifyMode(String tlsVerifyMode) {
        options.setText(TLS_VERIFY_MODE, tlsVerifyMode);
    }

    public String getTlsCiphers() {
        return options.text(TLS_CIPHERS);
    }

    /** An OpenSSL cipher list for TLS 1.2 and older, e.g. {@code DEFAULT:!aNULL:!eNULL}; unset: the JDK's. */
    public void setTlsCiphers(String tlsCiphers) {
        options.setText(TLS_CIPHERS, tlsCiphers);
    }

    public String getTlsv13Ciphersuites() {
        return options.text(TLSV13_CIPHERSUITES);
    }

    /** TLS 1.3 suites, colon-separated, e.g. {@code TLS_AES_256_GCM_SHA384}; unset: the JDK's. */
    public void setTlsv13Ciphersuites(String tlsv13Ciphersuites) {
        options.setText(TLSV13_CIPHERSUITES, tlsv13Ciphersuites);
    }

    public String getTlsProtocols() {
        return options.text(TLS_PROTOCOLS);
    }

    /** Momentum's syntax, e.g. {@code +ALL:-TLSv1.0:-TLSv1.1}; unset: +ALL, the JDK's enabled protocols. */
    public void setTlsProtocols(String tlsProtocols) {
        options.setText(TLS_PROTOCOLS, tlsProtocols);
    }

    public boolean isTlsAllowRenegotiation() {
        return options.get(TLS_ALLOW_RENEGOTIATION);
    }

    /** false: a client that starts a second TLS handshake (TLS 1.2) has its connection closed. */
    public void setTlsAllowRenegotiation(boolean tlsAllowRenegotiation) {
        options.set(TLS_ALLOW_RENEGOTIATION, tlsAllowRenegotiation);
    }

    public boolean isUseSsl() {
        return options.get(USE_SSL);
    }

    /** TLS from the first byte (implicit TLS, as on port 465); needs tlsCertificate. */
    public void setUseSsl(boolean useSsl) {
        options.set(USE_SSL, useSsl);
    }

    public String getStarttlsInjectionPolicy() {
        return options.text(STARTTLS_INJECTION_POLICY);
    }

    /** reject, ignore or allow: what happens to commands pipelined after STARTTLS (see the README's TLS section). */
    public void setStarttlsInjectionPolicy(String starttlsInjectionPolicy) {
        options.setText(STARTTLS_INJECTION_POLICY, starttlsInjectionPolicy);
    }

    public int getEcstreamIdleTime() {
        return options.count(ECSTREAM_IDLE_TIME);
    }

    /** ECStream: seconds a producer may stay silent (with nothing unanswered) before BYE 421; 0 = never. */
    public void setEcstreamIdleTime(int ecstreamIdleTime) {
        options.set(ECSTREAM_IDLE_TIME, (long) ecstreamIdleTime);
    }

    public int getEcstreamMaxBatchSize() {
        return options.count(ECSTREAM_MAX_BATCH_SIZE);
    }

    /** ECStream: messages a producer may have unanswered; further input waits until replies go out. */
    public void setEcstreamMaxBatchSize(int ecstreamMaxBatchSize) {
        options.set(ECSTREAM_MAX_BATCH_SIZE, (long) ecstreamMaxBatchSize);
    }

    public boolean isProxyProtocol() {
        return options.get(PROXY_PROTOCOL);
    }

    /** true: connections open with a PROXY protocol header (v1 or v2) naming the client; without one they are closed. */
    public void setProxyProtocol(boolean proxyProtocol) {
        options.set(PROXY_PROTOCOL, proxyProtocol);
    }

    public int getProxyProtocolTimeout() {
        return options.count(PROXY_PROTOCOL_TIMEOUT);
    }

    /** Seconds the PROXY header may take; 0: no limit. */
    public void setProxyProtocolTimeout(int proxyProtocolTimeout) {
        options.set(PROXY_PROTOCOL_TIMEOUT, (long) proxyProtocolTimeout);
    }

    public String getSmtpExtensions() {
        return options.text(SMTP_EXTENSIONS);
    }

    /** The extensions EHLO offers, as a conf array: {@code ( "ENHANCEDSTATUSCODES" "STARTTLS" "AUTH LOGIN" )}. */
    public void setSmtpExtensions(String smtpExtensions) {
        options.setText(SMTP_EXTENSIONS, smtpExtensions);
    }

    public String getContext() {
        return options.text(CONTEXT);
    }

    /** Connection context variables for the MDB, as a conf dictionary: {@code [ client = "ACME" __bypass_x = true ]}. */
    public void setContext(String context) {
        options.setText(CONTEXT, context);
    }

    public String getStaticBanner() {
        return options.text(STATIC_BANNER);
    }

    /** The whole greeting instead of the built-in one, starting with {@code 220 }. */
    public void setStaticBanner(String staticBanner) {
        options.setText(STATIC_BANNER, staticBanner);
    }

    public boolean isRequireEhlo() {
        return options.get(REQUIRE_EHLO);
    }

    /** true: MAIL, RCPT, DATA and VRFY before EHLO/HELO get 550 5.5.1. */
    public void setRequireEhlo(boolean requireEhlo) {
        options.set(REQUIRE_EHLO, requireEhlo);
    }

    public boolean isAllowNullEnvelopeSender() {
        return options.get(ALLOW_NULL_ENVELOPE_SENDER);
    }

    public void setAllowNullEnvelopeSender(boolean allowNullEnvelopeSender) {
        options.set(ALLOW_NULL_ENVELOPE_SENDER, allowNullEnvelopeSender);
    }

    public boolean isAllowIpLiteral() {
        return options.get(ALLOW_IP_LITERAL);
    }

    public void setAllowIpLiteral(boolean allowIpLiteral) {
        options.set(ALLOW_IP_LITERAL, allowIpLiteral);
    }

    public boolean isAllowTrailingWhitespaceInCommands() {
        return options.get(ALLOW_TRAILING_WHITESPACE_IN_COMMANDS);
    }

    public void setAllowTrailingWhitespaceInCommands(boolean allowTrailingWhitespaceInCommands) {
        options.set(ALLOW_TRAILING_WHITESPACE_IN_COMMANDS, allowTrailingWhitespaceInCommands);
    }

    public String getDomainForUnqualifiedSenderAddress() {
        return options.text(DOMAIN_FOR_UNQUALIFIED_SENDER_ADDRESS);
    }

    /** MAIL FROM:&lt;user&gt; is taken as user@ this domain; unset: refused with 501. */
    public void setDomainForUnqualifiedSenderAddress(String domainForUnqualifiedSenderAddress) {
        options.setText(DOMAIN_FOR_UNQUALIFIED_SENDER_ADDRESS, domainForUnqualifiedSenderAddress);
    }

    public String getDomainForUnqualifiedRecipientAddresses() {
        return options.text(DOMAIN_FOR_UNQUALIFIED_RECIPIENT_ADDRESSES);
    }

    /** RCPT TO:&lt;user&gt; is taken as user@ this domain; unset: refused with 501, but &lt;postmaster&gt;. */
    public void setDomainForUnqualifiedRecipientAddresses(String domainForUnqualifiedRecipientAddresses) {
        options.setText(DOMAIN_FOR_UNQUALIFIED_RECIPIENT_ADDRESSES, domainForUnqualifiedRecipientAddresses);
    }

    public int getListenerSessions() {
        return options.count(LISTENER_SESSIONS);
    }

    /** Sessions of this listener at once (per matching block when a Peer sets it); then 421 4.4.5; 0 = no limit. */
    public void setListenerSessions(int listenerSessions) {
        options.set(LISTENER_SESSIONS, (long) listenerSessions);
    }

    public int getServiceSessions() {
        return options.count(SERVICE_SESSIONS);
    }

    /** ESMTP sessions of all this adapter's listeners at once; then 421 4.4.5; 0 = no limit. */
    public void setServiceSessions(int serviceSessions) {
        options.set(SERVICE_SESSIONS, (long) serviceSessions);
    }

    public int getMaxReceptionsPerConnection() {
        return options.count(MAX_RECEPTIONS_PER_CONNECTION);
    }

    public void setMaxReceptionsPerConnection(int maxReceptionsPerConnection) {
        options.set(MAX_RECEPTIONS_PER_CONNECTION, (long) maxReceptionsPerConnection);
    }

    public int getMaxRecipientsPerConnection() {
        return options.count(MAX_RECIPIENTS_PER_CONNECTION);
    }

    public void setMaxRecipientsPerConnection(int maxRecipientsPerConnection) {
        options.set(MAX_RECIPIENTS_PER_CONNECTION, (long) maxRecipientsPerConnection);
    }

    public String getAuthPlainParameters() {
        return options.text(AUTH_PLAIN_PARAMETERS);
    }

    /** AUTH PLAIN, as a conf dictionary: {@code [ uri = "file:///etc/smtp_passwd" ]} (or digest://, with realm). */
    public void setAuthPlainParameters(String authPlainParameters) {
        options.setText(AUTH_PLAIN_PARAMETERS, authPlainParameters);
    }

    public String getAuthLoginParameters() {
        return options.text(AUTH_LOGIN_PARAMETERS);
    }

    /** AUTH LOGIN, as a conf dictionary: {@code [ uri = "file:///etc/smtp_passwd" ]}. */
    public void setAuthLoginParameters(String authLoginParameters) {
        options.setText(AUTH_LOGIN_PARAMETERS, authLoginParameters);
    }

    public String getAuthCramMD5Parameters() {
        return options.text(AUTH_CRAM_MD5_PARAMETERS);
    }

    /** AUTH CRAM-MD5, as a conf dictionary whose uri is a file:// (clear-text) store. */
    public void setAuthCramMD5Parameters(String authCramMD5Parameters) {
        options.setText(AUTH_CRAM_MD5_PARAMETERS, authCramMD5Parameters);
    }

    public String getAuthDigestMD5Parameters() {
        return options.text(AUTH_DIGEST_MD5_PARAMETERS);
    }

    /**
     * AUTH DIGEST-MD5, as a conf dictionary: {@code [ uri = "digest:///etc/smtp_passwd" realm = "example.com" ]}
     * (htdigest; realm defaults to the host name), or a file:// store with {@code stored_cleartext = "true"}.
     */
    public void setAuthDigestMD5Parameters(String authDigestMD5Parameters) {
        options.setText(AUTH_DIGEST_MD5_PARAMETERS, authDigestMD5Parameters);
    }

    public boolean isAlwaysAllow() {
        return options.get(ALWAYS_ALLOW);
    }

    /** true: every client counts as authenticated (as anonymous) and may relay, unless alwaysDeny. */
    public void setAlwaysAllow(boolean alwaysAllow) {
        options.set(ALWAYS_ALLOW, alwaysAllow);
    }

    public boolean isAlwaysDeny() {
        return options.get(ALWAYS_DENY);
    }

    /** true: every AUTH fails with 535. */
    public void setAlwaysDeny(boolean alwaysDeny) {
        options.set(ALWAYS_DENY, alwaysDeny);
    }

    public Boolean getEnableAuthentication() {
        return options.get(ENABLE_AUTHENTICATION);
    }

    /** true: MAIL before a successful AUTH gets 530 5.7.0 (Relay_Hosts clients and Open_Relay excepted). */
    public void setEnableAuthentication(Boolean enableAuthentication) {
        options.set(ENABLE_AUTHENTICATION, enableAuthentication);
    }

    public Boolean getAllowPlaintextAuth() {
        return options.get(ALLOW_PLAINTEXT_AUTH);
    }

    /** true: AUTH PLAIN and LOGIN before STARTTLS for every client; false: for none; null: loopback clients only. */
    public void setAllowPlaintextAuth(Boolean allowPlaintextAuth) {
        options.set(ALLOW_PLAINTEXT_AUTH, allowPlaintextAuth);
    }

    public Boolean getQmqpAuthorized() {
        return options.get(QMQP_AUTHORIZED);
    }

    /** QMQP: true: every client may inject; false: none; null: loopback and Unix socket clients only. */
    public void setQmqpAuthorized(Boolean qmqpAuthorized) {
        options.set(QMQP_AUTHORIZED, qmqpAuthorized);
    }

    public int getTimeout() {
        return options.count(TIMEOUT);
    }

    /** Console: seconds a session may stay idle (or stop inside a frame) before it is closed; 0 = never. */
    public void setTimeout(int timeout) {
        options.set(TIMEOUT, (long) timeout);
    }

    public Boolean getEnableAuthorization() {
        return options.get(ENABLE_AUTHORIZATION);
    }

    /** Console: true checks every command against the user's roles (authorizationParameters, authorizationRoles). */
    public void setEnableAuthorization(Boolean enableAuthorization) {
        options.set(ENABLE_AUTHORIZATION, enableAuthorization);
    }

    public String getAuthorizationParameters() {
        return options.text(AUTHORIZATION_PARAMETERS);
    }

    /** Console: who has which role, as a conf dictionary: {@code [ uri = "groups:///etc/console_roles" ]}. */
    public void setAuthorizationParameters(String authorizationParameters) {
        options.setText(AUTHORIZATION_PARAMETERS, authorizationParameters);
    }
}
