package org.mtalistener.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import org.mtalistener.api.MailListener;
import java.util.List;
import java.util.Map;
import org.mtalistener.conf.model.ConfLoader;
import org.mtalistener.conf.model.ListenAddress;
import org.mtalistener.conf.model.PeerScope;
import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.options.OptionException;
import org.mtalistener.conf.options.OptionRegistry;
import org.mtalistener.conf.options.Scope;
import org.mtalistener.conf.parse.ConfException;
import org.mtalistener.smtp.SmtpSettings;

/**
 * The configuration of one listener socket, bound to one MDB: the activation-config properties of a
 * {@code <message-driven>} (or {@code @ActivationConfigProperty}). Property names are the ecelerity.conf option names
 * in camel case ({@code Max_Message_Size} → {@code maxMessageSize}).
 *
 * <p>{@link #validate()} checks every property, so a bad value fails the deployment with the property named, not
 * the first connection.
 */
@Activation(messageListeners = MailListener.class)
public class ListenerActivationSpec implements ActivationSpec {

    static final String ESMTP_LISTENER = "ESMTP_Listener";

    private ResourceAdapter resourceAdapter;

    private String listenerType = ESMTP_LISTENER;
    private String listen;
    private boolean enable = true;
    private int listenBacklog = 500;
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
    private boolean proxyProtocol;
    private int proxyProtocolTimeout = 60;
    private String relayHosts;
    private boolean openRelay;
    private String relayForSendingDomains;
    private String localDomains;
    private boolean requireEhlo;
    private boolean allowNullEnvelopeSender = true;
    private boolean allowIpLiteral = true;
    private boolean allowTrailingWhitespaceInCommands;
    private int listenerSessions = 1000;
    private int serviceSessions;
    private int maxReceptionsPerConnection;
    private int maxRecipientsPerConnection;

    @Override
    public void validate() throws InvalidPropertyException {
        if (!ESMTP_LISTENER.equalsIgnoreCase(listenerType)) {
            throw invalid("listenerType", listenerType, "expected " + ESMTP_LISTENER
                    + " (ECStream_Listener and Control_Listener are not supported yet)");
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
    }

    /** The connection-by-connection settings: these properties, overridden by the Peer ACL. */
    ClientSettings clientSettings() throws InvalidPropertyException {
        return new ClientSettings(listenerName(), EffectiveOptions.of(this), peers("listenPeers", listenPeers),
                peers("listenerPeers", listenerPeers));
    }

    private static List<PeerScope> peers(String property, String text) throws InvalidPropertyException {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return ConfLoader.peers(text, Scope.ESMTP_LISTENER, "activation property " + property);
        } catch (ConfException e) {
            throw invalid(property, text, e.getMessage());
        }
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
        return ESMTP_LISTENER + " " + listen.trim();
    }

    /** The settings of a client no Peer scope applies to. */
    SmtpSettings smtpSettings() throws InvalidPropertyException {
        return clientSettings().withoutPeer().smtp();
    }

    private static InvalidPropertyException invalid(String property, String value, String expected) {
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

    int eventLoopThreads() {
        return concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
    }
}
