package org.mtalistener.ra;

import static org.mtalistener.conf.options.ListenerOptions.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.mtalistener.auth.AuthSettings;
import org.mtalistener.auth.Credentials;
import org.mtalistener.auth.Mechanism;
import org.mtalistener.auth.PasswordStores;
import org.mtalistener.conf.model.PeerScope;
import org.mtalistener.conf.model.Socket;
import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.options.ScopeKind;
import org.mtalistener.conf.values.Cidr;
import org.mtalistener.control.Permissions;
import org.mtalistener.control.ConsoleAuth;
import org.mtalistener.control.ConsoleSettings;
import org.mtalistener.ecstream.EcstreamSettings;
import org.mtalistener.http.DigestNonces;
import org.mtalistener.http.HttpAuth;
import org.mtalistener.http.HttpSettings;
import org.mtalistener.net.TcpOptions;
import org.mtalistener.net.TlsConfig;
import org.mtalistener.net.TlsContexts;
import org.mtalistener.qmqp.QmqpSettings;
import org.mtalistener.smtp.BareNewlinePolicy;
import org.mtalistener.smtp.RelayRules;
import org.mtalistener.smtp.SmtpPolicy;
import org.mtalistener.smtp.SmtpSettings;
import org.mtalistener.smtp.TlsSettings;

/**
 * The settings of each client's connection: the activation's options overridden by the Peer scopes that contain
 * the client — the Listen's Peers first, then the listener's, most specific block first in each (the mapper already
 * removed from the listener's Peers what the Listen sets itself). Unix-socket clients count as loopback.
 *
 * <p>Computed once per chain of Peers (and, within one, per answer to the two questions that depend on the address
 * itself: is it in Relay_Hosts, is it loopback) and shared by every connection that gets the same: a connection
 * costs a lookup, not a copy of the options and a new set of settings. A console change builds a new instance.
 */
final class ClientSettings {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** For settings that belong to no client: an address in no block, so Relay_Hosts grants nothing. */
    private static final InetAddress LOOPBACK_UNKNOWN = unspecified();

    /** One connection's options and its listener's protocol settings (the others are null). */
    record Client(EffectiveOptions options, SmtpSettings smtp, EcstreamSettings ecstream, ConsoleSettings console,
                  QmqpSettings qmqp, HttpSettings http) {
    }

    private final String listenerName;
    private final ScopeKind kind;
    private final EffectiveOptions activation;
    private final List<PeerScope> listenPeers;
    private final List<PeerScope> listenerPeers;
    private final TlsContexts tlsContexts;
    private final PasswordStores passwordStores;
    /** The HTTP Digest nonces this listener handed out, good for five minutes (Apache's default is as short). */
    private final DigestNonces nonces = new DigestNonces(Clock.systemUTC(), Duration.ofMinutes(5));
    private final Permissions permissions;
    /** Bounded by the chains there are (one per Peer block and the empty one), four clients each. */
    private final Map<List<PeerScope>, EffectiveOptions> optionsByChain = new ConcurrentHashMap<>();
    private final Map<Shape, Client> clientsByShape = new ConcurrentHashMap<>();

    /** What a client's settings depend on besides its Peer chain. */
    private record Shape(List<PeerScope> chain, boolean mayRelay, boolean loopback) {
    }

    /**
     * @param tlsContexts    the TLS contexts loaded for this activation (see {@link #tlsChains()})
     * @param passwordStores the password stores loaded for this activation (the same chains)
     * @param permissions    the console's roles and who has them, for clients under Enable_Authorization
     */
    ClientSettings(String listenerName, ScopeKind kind, EffectiveOptions activation, List<PeerScope> listenPeers,
                   List<PeerScope> listenerPeers, TlsContexts tlsContexts, PasswordStores passwordStores,
                   Permissions permissions) {
        this.listenerName = listenerName;
        this.kind = kind;
        this.activation = activation;
        this.listenPeers = List.copyOf(listenPeers);
        this.listenerPeers = List.copyOf(listenerPeers);
        this.tlsContexts = tlsContexts;
        this.passwordStores = passwordStores;
        this.permissions = permissions;
    }

    Client forClient(SocketAddress remote) {
        InetAddress address = address(remote);
        List<PeerScope> chain = chain(address);
        EffectiveOptions o = optionsFor(chain);
        return clientsByShape.computeIfAbsent(new Shape(chain, mayRelay(o, address), address.isLoopbackAddress()),
                shape -> client(o, address));
    }

    /** The options of a client, without building its protocol settings: e.g. for the PROXY protocol decision. */
    EffectiveOptions optionsFor(SocketAddress remote) {
        return optionsFor(address(remote));
    }

    private EffectiveOptions optionsFor(InetAddress address) {
        return optionsFor(chain(address));
    }

    private EffectiveOptions optionsFor(List<PeerScope> chain) {
        return chain.isEmpty() ? activation : optionsByChain.computeIfAbsent(chain, activation::with);
    }

    private List<PeerScope> chain(InetAddress address) {
        List<PeerScope> listen = Socket.matching(listenPeers, address);
        List<PeerScope> listener = Socket.matching(listenerPeers, address);
        if (listener.isEmpty()) {
            return listen;
        }
        List<PeerScope> chain = new ArrayList<>(listen);
        chain.addAll(listener);
        return chain;
    }

    private static InetAddress address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress() : LOOPBACK;
    }

    private static InetAddress unspecified() {
        try {
            return InetAddress.getByAddress(new byte[16]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SMTP_Extensions names, of the activation and of every Peer, that the adapter does not offer. */
    Set<String> unknownExtensions() {
        Set<String> unknown = new TreeSet<>(new SmtpExtensions(activation.get(SMTP_EXTENSIONS)).unknown());
        for (List<PeerScope> chain : tlsChains()) {
            unknown.addAll(new SmtpExtensions(activation.with(chain).get(SMTP_EXTENSIONS)).unknown());
        }
        return unknown;
    }

    /** Whether Recipient_Check is on for some client: in the activation or in a Peer. */
    boolean recipientCheckAnywhere() {
        return tlsChains().stream().anyMatch(chain -> activation.with(chain).get(RECIPIENT_CHECK));
    }

    /** Whether QMQP_Authorized lets some client beyond this host inject: in the activation or in a Peer. */
    boolean qmqpAuthorizedAnywhere() {
        return tlsChains().stream().anyMatch(chain -> Boolean.TRUE.equals(activation.with(chain).get(QMQP_AUTHORIZED)));
    }

    /** The options of each accepted TCP connection: the activation's, since no Peer may set them. */
    TcpOptions tcpOptions() {
        return new TcpOptions(activation.get(DISABLE_NAGLE_ALGORITHM), activation.count(TCP_RECV_BUFFER_SIZE),
                activation.count(TCP_SEND_BUFFER_SIZE));
    }

    /** The settings of a client no Peer scope and no Relay_Hosts block applies to. */
    Client withoutPeer() {
        return client(activation, LOOPBACK_UNKNOWN);
    }

    private static boolean mayRelay(EffectiveOptions o, InetAddress client) {
        List<Cidr> relayHosts = o.get(RELAY_HOSTS);
        return o.get(OPEN_RELAY) || relayHosts != null && relayHosts.stream().anyMatch(block -> block.contains(client));
    }

    private static RelayRules relay(EffectiveOptions o, InetAddress client) {
        List<String> localDomains = o.get(LOCAL_DOMAINS);
        return new RelayRules(localDomains == null ? List.of() : localDomains, mayRelay(o, client),
                o.get(RELAY_FOR_SENDING_DOMAINS), o.get(TLS_VERIFIED_PEER_CAN_RELAY));
    }

    /** Builds only the settings of this listener's protocol: a connection speaks one. */
    private Client client(EffectiveOptions o, InetAddress client) {
        String banner = o.get(BANNER_HOSTNAME) != null ? o.get(BANNER_HOSTNAME) : LocalHostName.get();
        // An unset Received_Hostname follows the banner, a Peer's included.
        String received = o.get(RECEIVED_HOSTNAME) != null ? o.get(RECEIVED_HOSTNAME) : banner;
        return switch (kind) {
            case ECSTREAM_LISTENER -> new Client(o, null, new EcstreamSettings(listenerName,
                    o.seconds(ECSTREAM_IDLE_TIME), o.count(ECSTREAM_MAX_BATCH_SIZE), o.get(MAX_MESSAGE_SIZE),
                    received), null, null, null);
            case CONTROL_LISTENER -> new Client(o, null, null, console(o, banner), null, null);
            case QMQP_LISTENER -> new Client(o, null, null, null, qmqp(o, client, received), null);
            case HTTP_LISTENER -> new Client(o, null, null, null, null, http(o, client, received));
            default -> new Client(o, smtp(o, client, banner, received), null, null, null, null);
        };
    }

    private QmqpSettings qmqp(EffectiveOptions o, InetAddress client, String received) {
        // QMQP has no authentication: like qmqpd_authorized_clients, nobody but this host unless a Peer says so.
        Boolean authorized = o.get(QMQP_AUTHORIZED);
        return new QmqpSettings(listenerName, o.seconds(IDLE_TIME), o.get(MAX_MESSAGE_SIZE), received,
                authorized != null ? authorized : client.isLoopbackAddress());
    }

    private SmtpSettings smtp(EffectiveOptions o, InetAddress client, String banner, String received) {
        RelayRules relay = relay(o, client);
        SmtpExtensions extensions = new SmtpExtensions(o.get(SMTP_EXTENSIONS));
        SmtpPolicy policy = SmtpPolicy.builder()
                .staticBanner(o.get(STATIC_BANNER))
                .requireEhlo(o.get(REQUIRE_EHLO))
                .allowNullSender(o.get(ALLOW_NULL_ENVELOPE_SENDER))
                .allowIpLiteral(o.get(ALLOW_IP_LITERAL))
                .allowTrailingWhitespace(o.get(ALLOW_TRAILING_WHITESPACE_IN_COMMANDS))
                .maxReceptionsPerConnection(o.count(MAX_RECEPTIONS_PER_CONNECTION))
                .maxRecipientsPerConnection(o.count(MAX_RECIPIENTS_PER_CONNECTION))
                .relay(relay)
                .enhancedStatusCodes(extensions.offers("ENHANCEDSTATUSCODES"))
                .extensions(extensions.offered())
                .recipientCheck(o.get(RECIPIENT_CHECK))
                .bareNewlines(BareNewlinePolicy.valueOf(o.get(BARE_NEWLINE_POLICY).toUpperCase(Locale.ROOT)))
                .minDataRate(o.get(MIN_DATA_RATE))
                .unqualifiedDomains(o.get(DOMAIN_FOR_UNQUALIFIED_SENDER_ADDRESS),
                        o.get(DOMAIN_FOR_UNQUALIFIED_RECIPIENT_ADDRESSES))
                .build();
        TlsConfig tls = tlsConfig(o);
        boolean implicitTls = o.get(USE_SSL) && tls.offered();
        // STARTTLS needs a certificate, and when SMTP_Extensions is written, its mention too
        TlsSettings tlsSettings = new TlsSettings(
                implicitTls || extensions.offers("STARTTLS") ? tlsContexts.get(tls) : null, implicitTls,
                TlsSettings.InjectionPolicy.of(o.get(STARTTLS_INJECTION_POLICY)), o.get(TLS_ALLOW_RENEGOTIATION));
        return new SmtpSettings(listenerName, banner, received, o.get(MAX_MESSAGE_SIZE),
                o.count(MAX_RECIPIENTS_PER_MESSAGE), o.seconds(IDLE_TIME), policy, tlsSettings, context(o),
                auth(o, client, relay, extensions));
    }

    private HttpSettings http(EffectiveOptions o, InetAddress client, String received) {
        TlsConfig tls = tlsConfig(o);
        // Enable_Authentication unset: a loopback or Unix-socket client may inject without credentials, no other
        Boolean required = o.get(ENABLE_AUTHENTICATION);
        Map<Mechanism, Credentials> credentials = credentials(o);
        HttpAuth auth = new HttpAuth(credentials.get(Mechanism.PLAIN), credentials.get(Mechanism.DIGEST_MD5), nonces,
                required != null ? required : !client.isLoopbackAddress(), o.get(ALWAYS_ALLOW), o.get(ALWAYS_DENY),
                o.get(TLS_VERIFIED_PEER_IS_AUTHORIZED));
        return new HttpSettings(listenerName, o.seconds(IDLE_TIME), o.get(MAX_REQUEST_SIZE),
                o.count(MAX_RECIPIENTS_PER_MESSAGE), o.get(DISABLE_CHUNKED), o.get(LOG_REQUESTS_TO_PANICLOG), received,
                o.get(USE_SSL) && tls.offered() ? tlsContexts.get(tls) : null, o.get(TLS_ALLOW_RENEGOTIATION), auth);
    }

    private ConsoleSettings console(EffectiveOptions o, String hostname) {
        ConsoleAuth auth = new ConsoleAuth(credentials(o), o.on(ENABLE_AUTHENTICATION), o.get(ALWAYS_ALLOW),
                o.get(ALWAYS_DENY));
        return new ConsoleSettings(listenerName, o.seconds(TIMEOUT), auth,
                o.on(ENABLE_AUTHORIZATION) ? permissions : null, hostname);
    }

    /** Every mechanism whose Auth*Parameters apply, with its store. */
    private Map<Mechanism, Credentials> credentials(EffectiveOptions o) {
        Map<Mechanism, Credentials> mechanisms = new EnumMap<>(Mechanism.class);
        authParameters(o).forEach((mechanism, parameters) -> mechanisms.put(mechanism,
                new Credentials(passwordStores.get(parameter(parameters, "uri")), parameter(parameters, "realm"))));
        return mechanisms;
    }

    /** The Auth*Parameters that apply, by mechanism (in EHLO order). */
    static final Map<Mechanism, OptionDef<Map<String, String>>> PARAMETERS = new EnumMap<>(Map.of(
            Mechanism.PLAIN, AUTH_PLAIN_PARAMETERS,
            Mechanism.LOGIN, AUTH_LOGIN_PARAMETERS,
            Mechanism.CRAM_MD5, AUTH_CRAM_MD5_PARAMETERS,
            Mechanism.DIGEST_MD5, AUTH_DIGEST_MD5_PARAMETERS));

    private AuthSettings auth(EffectiveOptions o, InetAddress client, RelayRules relay, SmtpExtensions extensions) {
        Map<Mechanism, Credentials> mechanisms = credentials(o);
        mechanisms.keySet().removeIf(mechanism -> !extensions.offers("AUTH " + mechanism.saslName()));
        // Loopback (and Unix-socket) clients send nothing over a network: unless told otherwise, PLAIN and LOGIN
        // need no TLS there. Allow_Plaintext_Auth = false holds them to TLS too (a demo or test on 127.0.0.1).
        Boolean allowed = o.get(ALLOW_PLAINTEXT_AUTH);
        boolean plaintext = allowed != null ? allowed : client.isLoopbackAddress();
        // Momentum: hosts in Relay_Hosts or under Open_Relay are not subject to SMTP AUTH.
        boolean required = o.on(ENABLE_AUTHENTICATION) && !relay.clientMayRelay();
        return new AuthSettings(mechanisms, plaintext, required, o.get(ALWAYS_ALLOW), o.get(ALWAYS_DENY));
    }

    private static Map<Mechanism, Map<String, String>> authParameters(EffectiveOptions o) {
        Map<Mechanism, Map<String, String>> set = new EnumMap<>(Mechanism.class);
        PARAMETERS.forEach((mechanism, option) -> {
            Map<String, String> parameters = o.get(option);
            if (parameters != null) {
                set.put(mechanism, parameters);
            }
        });
        return set;
    }

    /** A dictionary entry by name in any case (the conf's keys are case-insensitive); null when absent. */
    static String parameter(Map<String, String> parameters, String key) {
        for (Map.Entry<String, String> entry : parameters.entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(key)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** The store uri of each Auth*Parameters a client matching {@code chain} gets, by option. */
    Map<OptionDef<Map<String, String>>, String> authUris(List<PeerScope> chain) {
        Map<OptionDef<Map<String, String>>, String> uris = new LinkedHashMap<>();
        authParameters(activation.with(chain)).forEach((mechanism, parameters) ->
                uris.put(PARAMETERS.get(mechanism), parameter(parameters, "uri")));
        return uris;
    }

    /** The {@code stored_cleartext} of the AuthDigestMD5Parameters a client matching {@code chain} gets, or null. */
    String digestStoredCleartext(List<PeerScope> chain) {
        Map<String, String> parameters = authParameters(activation.with(chain)).get(Mechanism.DIGEST_MD5);
        return parameters == null ? null : parameter(parameters, "stored_cleartext");
    }

    private static Map<String, String> context(EffectiveOptions o) {
        Map<String, String> context = o.get(CONTEXT);
        return context == null ? Map.of() : context;
    }

    /** The TLS options of a client that matches {@code chain} (most important Peer first). */
    TlsConfig tlsConfig(List<PeerScope> chain) {
        return tlsConfig(activation.with(chain));
    }

    boolean useSsl(List<PeerScope> chain) {
        return activation.with(chain).get(USE_SSL);
    }

    private static TlsConfig tlsConfig(EffectiveOptions o) {
        return new TlsConfig(o.get(TLS_CERTIFICATE), o.get(TLS_KEY), o.get(TLS_CLIENT_CA),
                TlsConfig.VerifyMode.of(o.get(TLS_VERIFY_MODE)), o.get(TLS_CIPHERS), o.get(TLSV13_CIPHERSUITES),
                o.get(TLS_PROTOCOLS));
    }

    /**
     * Every chain of Peers a client can match, the empty one first, so that every TLS context is loaded with the
     * activation and none on an event loop. CIDR blocks nest or do not meet, so the blocks that contain a client are
     * exactly those that contain its most specific block: one chain per block.
     */
    List<List<PeerScope>> tlsChains() {
        List<List<PeerScope>> chains = new ArrayList<>();
        chains.add(List.of());
        List<PeerScope> all = new ArrayList<>(listenPeers);
        all.addAll(listenerPeers);
        for (PeerScope peer : all) {
            InetAddress network = peer.block().network().toInetAddress();
            List<PeerScope> chain = new ArrayList<>(within(listenPeers, network, peer.block().prefixLength()));
            chain.addAll(within(listenerPeers, network, peer.block().prefixLength()));
            chains.add(chain);
        }
        return chains;
    }

    private static List<PeerScope> within(List<PeerScope> peers, InetAddress network, int prefix) {
        return peers.stream()
                .filter(p -> p.block().prefixLength() <= prefix && p.block().contains(network))
                .sorted(Comparator.comparingInt((PeerScope p) -> p.block().prefixLength()).reversed())
                .toList();
    }
}
