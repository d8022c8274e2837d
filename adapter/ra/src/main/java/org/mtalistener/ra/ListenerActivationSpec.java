package org.mtalistener.ra;

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
 * <p>{@link #validate()} checks every property, so a bad value fails the deployment with the property named, not
 * the first connection. It also reads the files the properties name ({@link ActivationFiles}: certificates and
 * keys, of the Peers too, password stores, the console's groups file), once per activation.
 *
 * <p>A Control_Listener (console) activation has, besides its options, {@code authorizationRoles}: the top-level
 * Authorization scope's Role scopes as conf text, which the mapper writes when the conf file has that scope.
 */
@Activation(messageListeners = {MailListener.class, ControlListener.class})
public class ListenerActivationSpec implements ActivationSpec {

    static final String ESMTP_LISTENER = "ESMTP_Listener";
    static final String ECSTREAM_LISTENER = "ECStream_Listener";
    static final String CONTROL_LISTENER = "Control_Listener";

    private ResourceAdapter resourceAdapter;

    private String listenerType = ESMTP_LISTENER;
    private String listen;
    private boolean enable = true;
    private int listenBacklog = 500;
    private boolean disableNagleAlgorithm = true;
    private int tcpRecvBufferSize;
    private int tcpSendBufferSize;
    private int concurrency;
    private int idleTime = 300;
    private long maxMessageSize = 50L << 20;
    private int maxRecipientsPerMessage = 1000;
    private String bannerHostname;
    private String receivedHostname;
    private int maxConcurrentDeliveries = 16;
    private String listenPeers;
    private String listenerPeers;
    private String fileMode = "0660";
    private String staticBanner;
    private String tlsCertificate;
    private String tlsKey;
    private String tlsClientCa;
    private String tlsVerifyMode = "optional";
    private String tlsCiphers;
    private String tlsv13Ciphersuites;
    private String tlsProtocols;
    private boolean tlsAllowRenegotiation = true;
    private boolean useSsl;
    private String starttlsInjectionPolicy = "reject";
    private boolean proxyProtocol;
    private int ecstreamIdleTime = 300;
    private int ecstreamMaxBatchSize = 10000;
    private int proxyProtocolTimeout = 60;
    private String relayHosts;
    private boolean openRelay;
    private boolean tlsVerifiedPeerCanRelay;
    private String relayForSendingDomains;
    private String localDomains;
    private boolean recipientCheck;
    private String context;
    private String smtpExtensions;
    private boolean requireEhlo;
    private boolean allowNullEnvelopeSender = true;
    private boolean allowIpLiteral = true;
    private boolean allowTrailingWhitespaceInCommands;
    private String domainForUnqualifiedSenderAddress;
    private String domainForUnqualifiedRecipientAddresses;
    private int listenerSessions = 1000;
    private int serviceSessions;
    private int maxReceptionsPerConnection;
    private int maxRecipientsPerConnection;
    private String authPlainParameters;
    private String authLoginParameters;
    private String authCramMD5Parameters;
    private String authDigestMD5Parameters;
    private boolean alwaysAllow;
    private boolean alwaysDeny;
    private Boolean enableAuthentication;
    private Boolean allowPlaintextAuth;
    private int timeout = 60;
    private Boolean enableAuthorization;
    private String authorizationParameters;
    private String authorizationRoles;
    /** The roles {@link #validate()} read from {@link #authorizationRoles}; none when the property is not set. */
    private Authorization roles = new Authorization(List.of(), null);
    /**
     * What {@link #validate()} read from disk; a changed TLS or Auth*Parameters property reads it again. Not a bean
     * property: a copy made through the properties reads its own.
     */
    private ActivationFiles files;

    @Override
    public void validate() throws InvalidPropertyException {
        if (listenerType == null || List.of(ESMTP_LISTENER, ECSTREAM_LISTENER, CONTROL_LISTENER).stream()
                .noneMatch(listenerType::equalsIgnoreCase)) {
            throw invalid("listenerType", listenerType, "expected " + ESMTP_LISTENER + ", " + ECSTREAM_LISTENER
                    + " or " + CONTROL_LISTENER);
        }
        if (listen == null || listen.isBlank()) {
            throw invalid("listen", listen, "required: the address to listen on, e.g. 127.0.0.1:2525");
        }
        listenAddress();
        // Every option property is checked by the option registry's own type, as the conf file's value would be.
        for (Map.Entry<String, Object> property : EffectiveOptions.properties(this).entrySet()) {
            OptionDef<?> option = OptionRegistry.standard().findByPropertyName(property.getKey()).orElseThrow();
            try {
                ConfLoader.propertyValue(option, String.valueOf(property.getValue()));
            } catch (OptionException e) {
                throw invalid(property.getKey(), String.valueOf(property.getValue()), e.getMessage());
            }
        }
        peers("listenPeers", listenPeers);
        peers("listenerPeers", listenerPeers);
        roles = roles();
        if (listenerKind() != ScopeKind.ESMTP_LISTENER
                && (useSsl || tlsCertificate != null && !"none".equalsIgnoreCase(tlsCertificate))) {
            throw invalid(useSsl ? "useSsl" : "tlsCertificate", useSsl ? "true" : tlsCertificate,
                    "TLS is not supported on " + listenerKind().confName() + " yet: use a Unix socket or loopback"
                            + (isEcstream() ? " for producers" : " for the console"));
        }
        files = null;
        files = ActivationFiles.read(this, roles);
    }

    /** The connection-by-connection settings: these properties, overridden by the Peer ACL. */
    ClientSettings clientSettings() throws InvalidPropertyException {
        if (files == null) {
            files = ActivationFiles.read(this, roles);
        }
        return clientSettings(files.tls(), files.passwordStores(), files.permissions());
    }

    /** The settings made with these files: {@link ActivationFiles} finds the Peer chains through them. */
    ClientSettings clientSettings(TlsContexts tls, PasswordStores stores, Permissions permissions)
            throws InvalidPropertyException {
        return new ClientSettings(listenerName(), listenerKind(), EffectiveOptions.of(this),
                peers("listenPeers", listenPeers),
                peers("listenerPeers", listenerPeers), tls, stores, permissions);
    }

    /** The Peer scopes of {@code listenPeers} or {@code listenerPeers}, a mistake naming the property. */
    List<PeerScope> peers(String property, String text) throws InvalidPropertyException {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return ConfLoader.peers(text, listenerKind(), "activation property " + property);
        } catch (ConfException e) {
            throw invalid(property, text, e.getMessage());
        }
    }

    /** The Role scopes of {@code authorizationRoles}, read as the conf file's Authorization scope is. */
    private Authorization roles() throws InvalidPropertyException {
        if (authorizationRoles == null || authorizationRoles.isBlank()) {
            return new Authorization(List.of(), null);
        }
        if (!isControl()) {
            throw invalid("authorizationRoles", authorizationRoles, "roles are for a Control_Listener (the console); "
                    + "remove the property from this " + listenerType + " activation");
        }
        try {
            return ConfLoader.roles(authorizationRoles, "activation property authorizationRoles");
        } catch (ConfException e) {
            throw invalid("authorizationRoles", authorizationRoles, e.getMessage());
        }
    }

    /** The console's roles, as {@link #validate()} read them; no roles when the property is not set. */
    Authorization authorization() {
        return roles;
    }

    ListenAddress listenAddress() throws InvalidPropertyException {
        try {
            return ListenAddress.parse(listen.trim());
        } catch (IllegalArgumentException e) {
            throw invalid("listen", listen, e.getMessage());
        }
    }

    /** A name for log lines and the {@code Received:} header: {@code ESMTP_Listener 127.0.0.1:2525}. */
    String listenerName() {
        return listenerKind().confName() + " " + listen.trim();
    }

    /** Which listener this activation runs. */
    ScopeKind listenerKind() {
        if (ECSTREAM_LISTENER.equalsIgnoreCase(listenerType)) {
            return ScopeKind.ECSTREAM_LISTENER;
        }
        return CONTROL_LISTENER.equalsIgnoreCase(listenerType) ? ScopeKind.CONTROL_LISTENER : ScopeKind.ESMTP_LISTENER;
    }

    /** Whether this activation speaks ECStream (docs/ecstream.md) rather than ESMTP. */
    boolean isEcstream() {
        return ECSTREAM_LISTENER.equalsIgnoreCase(listenerType);
    }

    /** Whether this activation is a console (docs/console.md). */
    boolean isControl() {
        return CONTROL_LISTENER.equalsIgnoreCase(listenerType);
    }

    /** The settings of a client no Peer scope applies to. */
    SmtpSettings smtpSettings() throws InvalidPropertyException {
        return clientSettings().withoutPeer().smtp();
    }

    static InvalidPropertyException invalid(String property, String value, String expected) {
        return new InvalidPropertyException("MTA listener activation property " + property + " = \"" + value + "\": "
                + expected);
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

    public boolean isEnable() {
        return enable;
    }

    /** false: the activation binds nothing (the listener stays configured, as in ecelerity.conf). */
    public void setEnable(boolean enable) {
        this.enable = enable;
    }

    public int getListenBacklog() {
        return listenBacklog;
    }

    public void setListenBacklog(int listenBacklog) {
        this.listenBacklog = listenBacklog;
    }

    public boolean isDisableNagleAlgorithm() {
        return disableNagleAlgorithm;
    }

    /** TCP_NODELAY on accepted TCP connections; false: small writes may wait for Nagle's coalescing. */
    public void setDisableNagleAlgorithm(boolean disableNagleAlgorithm) {
        this.disableNagleAlgorithm = disableNagleAlgorithm;
    }

    public int getTcpRecvBufferSize() {
        return tcpRecvBufferSize;
    }

    /** SO_RCVBUF of accepted TCP connections, in bytes; 0: the system's. */
    public void setTcpRecvBufferSize(int tcpRecvBufferSize) {
        this.tcpRecvBufferSize = tcpRecvBufferSize;
    }

    public int getTcpSendBufferSize() {
        return tcpSendBufferSize;
    }

    /** SO_SNDBUF of accepted TCP connections, in bytes; 0: the system's. */
    public void setTcpSendBufferSize(int tcpSendBufferSize) {
        this.tcpSendBufferSize = tcpSendBufferSize;
    }

    public int getConcurrency() {
        return concurrency;
    }

    /** Event-loop threads for this socket; 0 means one per processor. */
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public int getIdleTime() {
        return idleTime;
    }

    /** Seconds a client may stay silent, in any state including DATA, before it gets 421 4.4.2; 0 = never. */
    public void setIdleTime(int idleTime) {
        this.idleTime = idleTime;
    }

    public long getMaxMessageSize() {
        return maxMessageSize;
    }

    /** Bytes of content (without the Received header) accepted per message; 0 = unlimited. */
    public void setMaxMessageSize(long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public int getMaxRecipientsPerMessage() {
        return maxRecipientsPerMessage;
    }

    public void setMaxRecipientsPerMessage(int maxRecipientsPerMessage) {
        this.maxRecipientsPerMessage = maxRecipientsPerMessage;
    }

    public String getBannerHostname() {
        return bannerHostname;
    }

    public void setBannerHostname(String bannerHostname) {
        this.bannerHostname = bannerHostname;
    }

    public String getReceivedHostname() {
        return receivedHostname;
    }

    public void setReceivedHostname(String receivedHostname) {
        this.receivedHostname = receivedHostname;
    }

    public int getMaxConcurrentDeliveries() {
        return maxConcurrentDeliveries;
    }

    /**
     * Deliveries to this MDB in progress at once. Keep it below the MDB pool's maximum and below the adapter's
     * thread pool minus the event loops; sessions over the cap wait, reading nothing, until a delivery ends.
     */
    public void setMaxConcurrentDeliveries(int maxConcurrentDeliveries) {
        this.maxConcurrentDeliveries = maxConcurrentDeliveries;
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

    public String getFileMode() {
        return fileMode;
    }

    /** Permissions of a Unix domain socket's file, in octal (as in ecelerity.conf): 0660 = owner and group. */
    public void setFileMode(String fileMode) {
        this.fileMode = fileMode;
    }

    public String getRelayHosts() {
        return relayHosts;
    }

    /** Blocks whose clients may relay, as a conf array: {@code ( "127.0.0.0/8" "10.0.0.0/8" )}. */
    public void setRelayHosts(String relayHosts) {
        this.relayHosts = relayHosts;
    }

    public boolean isOpenRelay() {
        return openRelay;
    }

    /** true: every client may relay (write it in a Peer scope, for the clients you trust). */
    public void setOpenRelay(boolean openRelay) {
        this.openRelay = openRelay;
    }

    public boolean isTlsVerifiedPeerCanRelay() {
        return tlsVerifiedPeerCanRelay;
    }

    /** true: a client whose certificate verified against TLS_Client_CA may relay, as an authenticated one may. */
    public void setTlsVerifiedPeerCanRelay(boolean tlsVerifiedPeerCanRelay) {
        this.tlsVerifiedPeerCanRelay = tlsVerifiedPeerCanRelay;
    }

    public String getRelayForSendingDomains() {
        return relayForSendingDomains;
    }

    /** Sender domains that may relay, as a conf array: {@code ( "example.com" "*.example.com" )}; {@code ( )}: any. */
    public void setRelayForSendingDomains(String relayForSendingDomains) {
        this.relayForSendingDomains = relayForSendingDomains;
    }

    public String getLocalDomains() {
        return localDomains;
    }

    /** The domains mail is taken for from anyone, as a conf array; unset: every domain. */
    public void setLocalDomains(String localDomains) {
        this.localDomains = localDomains;
    }

    public boolean isRecipientCheck() {
        return recipientCheck;
    }

    /**
     * true: each recipient that passed the listener's own checks goes to the MDB's {@code checkRecipient} before
     * RCPT TO is answered (ESMTP only).
     */
    public void setRecipientCheck(boolean recipientCheck) {
        this.recipientCheck = recipientCheck;
    }

    public String getTlsCertificate() {
        return tlsCertificate;
    }

    /** PEM file with the certificate chain, and the private key unless {@code tlsKey} names it; none: no TLS. */
    public void setTlsCertificate(String tlsCertificate) {
        this.tlsCertificate = tlsCertificate;
        files = null;
    }

    public String getTlsKey() {
        return tlsKey;
    }

    /** PEM file with the private key (PKCS#8, PKCS#1 or SEC 1, unencrypted). */
    public void setTlsKey(String tlsKey) {
        this.tlsKey = tlsKey;
        files = null;
    }

    public String getTlsClientCa() {
        return tlsClientCa;
    }

    /** PEM bundle of the CAs that client certificates are verified against. */
    public void setTlsClientCa(String tlsClientCa) {
        this.tlsClientCa = tlsClientCa;
        files = null;
    }

    public String getTlsVerifyMode() {
        return tlsVerifyMode;
    }

    /** none, optional (verified if sent and tlsClientCa is set) or require (no verified certificate, no TLS). */
    public void setTlsVerifyMode(String tlsVerifyMode) {
        this.tlsVerifyMode = tlsVerifyMode;
        files = null;
    }

    public String getTlsCiphers() {
        return tlsCiphers;
    }

    /** An OpenSSL cipher list for TLS 1.2 and older, e.g. {@code DEFAULT:!aNULL:!eNULL}; unset: the JDK's. */
    public void setTlsCiphers(String tlsCiphers) {
        this.tlsCiphers = tlsCiphers;
        files = null;
    }

    public String getTlsv13Ciphersuites() {
        return tlsv13Ciphersuites;
    }

    /** TLS 1.3 suites, colon-separated, e.g. {@code TLS_AES_256_GCM_SHA384}; unset: the JDK's. */
    public void setTlsv13Ciphersuites(String tlsv13Ciphersuites) {
        this.tlsv13Ciphersuites = tlsv13Ciphersuites;
        files = null;
    }

    public String getTlsProtocols() {
        return tlsProtocols;
    }

    /** Momentum's syntax, e.g. {@code +ALL:-TLSv1.0:-TLSv1.1}; unset: +ALL, the JDK's enabled protocols. */
    public void setTlsProtocols(String tlsProtocols) {
        this.tlsProtocols = tlsProtocols;
        files = null;
    }

    public boolean isTlsAllowRenegotiation() {
        return tlsAllowRenegotiation;
    }

    /** false: a client that starts a second TLS handshake (TLS 1.2) has its connection closed. */
    public void setTlsAllowRenegotiation(boolean tlsAllowRenegotiation) {
        this.tlsAllowRenegotiation = tlsAllowRenegotiation;
    }

    public boolean isUseSsl() {
        return useSsl;
    }

    /** TLS from the first byte (implicit TLS, as on port 465); needs tlsCertificate. */
    public void setUseSsl(boolean useSsl) {
        this.useSsl = useSsl;
        files = null;
    }

    public String getStarttlsInjectionPolicy() {
        return starttlsInjectionPolicy;
    }

    /** reject, ignore or allow: what happens to commands pipelined after STARTTLS (see the README's TLS section). */
    public void setStarttlsInjectionPolicy(String starttlsInjectionPolicy) {
        this.starttlsInjectionPolicy = starttlsInjectionPolicy;
    }

    public int getEcstreamIdleTime() {
        return ecstreamIdleTime;
    }

    /** ECStream: seconds a producer may stay silent (with nothing unanswered) before BYE 421; 0 = never. */
    public void setEcstreamIdleTime(int ecstreamIdleTime) {
        this.ecstreamIdleTime = ecstreamIdleTime;
    }

    public int getEcstreamMaxBatchSize() {
        return ecstreamMaxBatchSize;
    }

    /** ECStream: messages a producer may have unanswered; further input waits until replies go out. */
    public void setEcstreamMaxBatchSize(int ecstreamMaxBatchSize) {
        this.ecstreamMaxBatchSize = ecstreamMaxBatchSize;
    }

    public boolean isProxyProtocol() {
        return proxyProtocol;
    }

    /** true: connections open with a PROXY protocol header (v1 or v2) naming the client; without one they are closed. */
    public void setProxyProtocol(boolean proxyProtocol) {
        this.proxyProtocol = proxyProtocol;
    }

    public int getProxyProtocolTimeout() {
        return proxyProtocolTimeout;
    }

    /** Seconds the PROXY header may take; 0: no limit. */
    public void setProxyProtocolTimeout(int proxyProtocolTimeout) {
        this.proxyProtocolTimeout = proxyProtocolTimeout;
    }

    public String getSmtpExtensions() {
        return smtpExtensions;
    }

    /** The extensions EHLO offers, as a conf array: {@code ( "ENHANCEDSTATUSCODES" "STARTTLS" "AUTH LOGIN" )}. */
    public void setSmtpExtensions(String smtpExtensions) {
        this.smtpExtensions = smtpExtensions;
    }

    public String getContext() {
        return context;
    }

    /** Connection context variables for the MDB, as a conf dictionary: {@code [ client = "ACME" __bypass_x = true ]}. */
    public void setContext(String context) {
        this.context = context;
    }

    public String getStaticBanner() {
        return staticBanner;
    }

    /** The whole greeting instead of the built-in one, starting with {@code 220 }. */
    public void setStaticBanner(String staticBanner) {
        this.staticBanner = staticBanner;
    }

    public boolean isRequireEhlo() {
        return requireEhlo;
    }

    /** true: MAIL, RCPT, DATA and VRFY before EHLO/HELO get 550 5.5.1. */
    public void setRequireEhlo(boolean requireEhlo) {
        this.requireEhlo = requireEhlo;
    }

    public boolean isAllowNullEnvelopeSender() {
        return allowNullEnvelopeSender;
    }

    public void setAllowNullEnvelopeSender(boolean allowNullEnvelopeSender) {
        this.allowNullEnvelopeSender = allowNullEnvelopeSender;
    }

    public boolean isAllowIpLiteral() {
        return allowIpLiteral;
    }

    public void setAllowIpLiteral(boolean allowIpLiteral) {
        this.allowIpLiteral = allowIpLiteral;
    }

    public boolean isAllowTrailingWhitespaceInCommands() {
        return allowTrailingWhitespaceInCommands;
    }

    public void setAllowTrailingWhitespaceInCommands(boolean allowTrailingWhitespaceInCommands) {
        this.allowTrailingWhitespaceInCommands = allowTrailingWhitespaceInCommands;
    }

    public String getDomainForUnqualifiedSenderAddress() {
        return domainForUnqualifiedSenderAddress;
    }

    /** MAIL FROM:&lt;user&gt; is taken as user@ this domain; unset: refused with 501. */
    public void setDomainForUnqualifiedSenderAddress(String domainForUnqualifiedSenderAddress) {
        this.domainForUnqualifiedSenderAddress = domainForUnqualifiedSenderAddress;
    }

    public String getDomainForUnqualifiedRecipientAddresses() {
        return domainForUnqualifiedRecipientAddresses;
    }

    /** RCPT TO:&lt;user&gt; is taken as user@ this domain; unset: refused with 501, but &lt;postmaster&gt;. */
    public void setDomainForUnqualifiedRecipientAddresses(String domainForUnqualifiedRecipientAddresses) {
        this.domainForUnqualifiedRecipientAddresses = domainForUnqualifiedRecipientAddresses;
    }

    public int getListenerSessions() {
        return listenerSessions;
    }

    /** Sessions of this listener at once (per matching block when a Peer sets it); then 421 4.4.5; 0 = no limit. */
    public void setListenerSessions(int listenerSessions) {
        this.listenerSessions = listenerSessions;
    }

    public int getServiceSessions() {
        return serviceSessions;
    }

    /** ESMTP sessions of all this adapter's listeners at once; then 421 4.4.5; 0 = no limit. */
    public void setServiceSessions(int serviceSessions) {
        this.serviceSessions = serviceSessions;
    }

    public int getMaxReceptionsPerConnection() {
        return maxReceptionsPerConnection;
    }

    public void setMaxReceptionsPerConnection(int maxReceptionsPerConnection) {
        this.maxReceptionsPerConnection = maxReceptionsPerConnection;
    }

    public int getMaxRecipientsPerConnection() {
        return maxRecipientsPerConnection;
    }

    public void setMaxRecipientsPerConnection(int maxRecipientsPerConnection) {
        this.maxRecipientsPerConnection = maxRecipientsPerConnection;
    }

    public String getAuthPlainParameters() {
        return authPlainParameters;
    }

    /** AUTH PLAIN, as a conf dictionary: {@code [ uri = "file:///etc/smtp_passwd" ]} (or digest://, with realm). */
    public void setAuthPlainParameters(String authPlainParameters) {
        this.authPlainParameters = authPlainParameters;
        files = null;
    }

    public String getAuthLoginParameters() {
        return authLoginParameters;
    }

    /** AUTH LOGIN, as a conf dictionary: {@code [ uri = "file:///etc/smtp_passwd" ]}. */
    public void setAuthLoginParameters(String authLoginParameters) {
        this.authLoginParameters = authLoginParameters;
        files = null;
    }

    public String getAuthCramMD5Parameters() {
        return authCramMD5Parameters;
    }

    /** AUTH CRAM-MD5, as a conf dictionary whose uri is a file:// (clear-text) store. */
    public void setAuthCramMD5Parameters(String authCramMD5Parameters) {
        this.authCramMD5Parameters = authCramMD5Parameters;
        files = null;
    }

    public String getAuthDigestMD5Parameters() {
        return authDigestMD5Parameters;
    }

    /**
     * AUTH DIGEST-MD5, as a conf dictionary: {@code [ uri = "digest:///etc/smtp_passwd" realm = "example.com" ]}
     * (htdigest; realm defaults to the host name), or a file:// store with {@code stored_cleartext = "true"}.
     */
    public void setAuthDigestMD5Parameters(String authDigestMD5Parameters) {
        this.authDigestMD5Parameters = authDigestMD5Parameters;
        files = null;
    }

    public boolean isAlwaysAllow() {
        return alwaysAllow;
    }

    /** true: every client counts as authenticated (as anonymous) and may relay, unless alwaysDeny. */
    public void setAlwaysAllow(boolean alwaysAllow) {
        this.alwaysAllow = alwaysAllow;
    }

    public boolean isAlwaysDeny() {
        return alwaysDeny;
    }

    /** true: every AUTH fails with 535. */
    public void setAlwaysDeny(boolean alwaysDeny) {
        this.alwaysDeny = alwaysDeny;
    }

    public Boolean getEnableAuthentication() {
        return enableAuthentication;
    }

    /** true: MAIL before a successful AUTH gets 530 5.7.0 (Relay_Hosts clients and Open_Relay excepted). */
    public void setEnableAuthentication(Boolean enableAuthentication) {
        this.enableAuthentication = enableAuthentication;
    }

    public Boolean getAllowPlaintextAuth() {
        return allowPlaintextAuth;
    }

    /** true: AUTH PLAIN and LOGIN before STARTTLS for every client; false: for none; null: loopback clients only. */
    public void setAllowPlaintextAuth(Boolean allowPlaintextAuth) {
        this.allowPlaintextAuth = allowPlaintextAuth;
    }

    public int getTimeout() {
        return timeout;
    }

    /** Console: seconds a session may stay idle (or stop inside a frame) before it is closed; 0 = never. */
    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    public Boolean getEnableAuthorization() {
        return enableAuthorization;
    }

    /** Console: true checks every command against the user's roles (authorizationParameters, authorizationRoles). */
    public void setEnableAuthorization(Boolean enableAuthorization) {
        this.enableAuthorization = enableAuthorization;
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

    public String getAuthorizationParameters() {
        return authorizationParameters;
    }

    /** Console: who has which role, as a conf dictionary: {@code [ uri = "groups:///etc/console_roles" ]}. */
    public void setAuthorizationParameters(String authorizationParameters) {
        this.authorizationParameters = authorizationParameters;
    }

    int eventLoopThreads() {
        return concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
    }
}
