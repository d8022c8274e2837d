package org.mtalistener.conf.options;

import static org.mtalistener.conf.options.OptionType.bytes;
import static org.mtalistener.conf.options.OptionType.choice;
import static org.mtalistener.conf.options.OptionType.cidrList;
import static org.mtalistener.conf.options.OptionType.count;
import static org.mtalistener.conf.options.OptionType.dictionary;
import static org.mtalistener.conf.options.OptionType.fileMode;
import static org.mtalistener.conf.options.OptionType.flag;
import static org.mtalistener.conf.options.OptionType.hostName;
import static org.mtalistener.conf.options.OptionType.seconds;
import static org.mtalistener.conf.options.OptionType.text;
import static org.mtalistener.conf.options.OptionType.textList;
import static org.mtalistener.conf.options.OptionType.textStartingWith;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mtalistener.conf.values.Cidr;

/**
 * The table of listener options: every option of Momentum 4's options summary that can be written in a listener,
 * Listen or Peer scope, and the adapter's own. One row per option, in alphabetical order: name, type, default (as
 * written in ecelerity.conf), scopes (as the summary lists them), meaning, and how the adapter honours it.
 *
 * <p>Where Momentum's docs disagree, or the adapter's default differs from Momentum's, the meaning says so.
 *
 * <p>Each row is a typed constant: code that reads an option names the constant ({@code o.get(MAX_MESSAGE_SIZE)} is
 * a {@code Long}), so a misspelt option does not compile and its default is the one written here.
 */
public final class ListenerOptions {

    private static final String NONE = null;
    private static final int INT = Integer.MAX_VALUE;

    // ScopeKind lists that many rows share, spelled as in momentum4-listener-options.txt.
    private static final String SMTP = "esmtp_listener, listen, pathway, pathway_group, peer";
    private static final String SMTP_GLOBAL = "esmtp_listener, global, listen, pathway, pathway_group, peer";
    private static final String SOCKET = "control_listener, eccluster_listener, ecstream_listener, esmtp_listener, "
            + "http_listener, listen, xmpp_listener";
    private static final String ALL_LISTENERS = "control_listener, eccluster_listener, ecstream_listener, "
            + "esmtp_listener, http_listener, listen, msgcserver_listener, xmpp_listener";
    private static final String HTTP = "http_listener, listen, pathway, pathway_group, peer";
    private static final String AUTH = "control_listener, esmtp_listener, http_listener, listen, pathway, "
            + "pathway_group, peer";
    private static final String TLS_FILES = "binding, binding_group, domain, ecstream_listener, esmtp_listener, "
            + "global, http_listener, listen, pathway, pathway_group, peer, xmpp_listener";
    private static final String ECSTREAM = "ecstream_listener, listen, pathway, pathway_group, peer";
    private static final String PROXY = "control_listener, ecstream_listener, esmtp_listener, http_listener, listen, "
            + "peer, xmpp_listener";
    /** QMQP_Listener is the adapter's own (Momentum has none): the rows that apply to it add it to Momentum's scopes. */
    private static final String QMQP = ", qmqp_listener";

    // Why the ignored options are ignored, where several share a reason.
    private static final String TRACKING = "engagement tracking rewrites message bodies for Momentum's tracker; "
            + "inside a Jakarta EE server that is the MDB's business";
    private static final String DURAVIP = "DuraVIP moves addresses between Momentum cluster nodes; a Jakarta EE "
            + "cluster or the network in front of it fails over instead";

    public static final OptionDef<Long> ACCEPT_QUEUE_BACKLOG =
            ignored("Accept_Queue_Backlog", count(0, INT), "0", ALL_LISTENERS,
                    "Length of the queue between Momentum's accept threads and its scheduler",
                    "Netty hands an accepted connection straight to an event loop: there is no such queue "
                            + "(Listen_Backlog sizes the kernel's)");

    public static final OptionDef<Boolean> ALLOW_IP_LITERAL =
            supported("Allow_IP_Literal", flag(), "true", SMTP_GLOBAL,
                    "Take address literals such as user@[192.0.2.1] in MAIL FROM and RCPT TO");

    public static final OptionDef<Boolean> ALLOW_NULL_ENVELOPE_SENDER =
            supported("Allow_Null_Envelope_Sender", flag(), "true", SMTP_GLOBAL,
                    "Take the null sender MAIL FROM:<> (bounces)");

    public static final OptionDef<Boolean> ALLOW_TRAILING_WHITESPACE_IN_COMMANDS =
            supported("Allow_Trailing_Whitespace_In_Commands", flag(), "false", SMTP_GLOBAL,
                    "Take spaces between an address and its brackets, as in RCPT TO:< user@example.com >");

    public static final OptionDef<Boolean> ALWAYS_ALLOW =
            supported("Always_Allow", flag(), "false", AUTH,
                    "Count every client as authenticated, as anonymous (SMTP: it may relay, AUTH is not "
                            + "offered; console: no password is asked, 2.x ALWAYS-ALLOW) unless Always_Deny is "
                            + "set; never on unless written");

    public static final OptionDef<Boolean> ALWAYS_DENY =
            supported("Always_Deny", flag(), "false", AUTH,
                    "Count every authentication as failed (SMTP: 535; console: AUTH_REQUIRED again); "
                            + "Always_Allow then does nothing");

    public static final OptionDef<Map<String, String>> AUTH_CRAM_MD5_PARAMETERS =
            supported("AuthCramMD5Parameters", dictionary("uri"), NONE,
                    "control_listener, esmtp_listener, listen, pathway, pathway_group, peer",
                    "CRAM-MD5 (RFC 2195): uri of a clear-text password store; offered with AUTH CRAM-MD5 in "
                            + "SMTP_Extensions. Also in a Peer, where a 2.x ACL's CRAM-MD5 puts it (Momentum 4's "
                            + "summary leaves Peer out)");

    public static final OptionDef<Map<String, String>> AUTH_DIGEST_MD5_PARAMETERS =
            supported("AuthDigestMD5Parameters", dictionary("uri"), NONE,
                    "control_listener, esmtp_listener, http_listener, listen, pathway, pathway_group, peer, "
                            + "xmpp_listener",
                    "DIGEST-MD5 (RFC 2831, qop auth): uri of an htdigest store (digest://, user:realm:md5 "
                            + "lines), or of a clear-text one (file://) with stored_cleartext = true; realm "
                            + "(default: the host name); offered before TLS, like CRAM-MD5. HTTP_Listener: HTTP Digest "
                            + "(RFC 7616, MD5, qop auth) beside Basic, realm default mta-listener");

    public static final OptionDef<Map<String, String>> AUTH_LOGIN_PARAMETERS =
            supported("AuthLoginParameters", dictionary("uri"), NONE,
                    "control_listener, esmtp_listener, listen, pathway, pathway_group, peer",
                    "LOGIN: uri of a password store (file://, user:password lines; digest://, htdigest lines, "
                            + "with realm); not offered before TLS unless allowed (Allow_Plaintext_Auth; unset: "
                            + "loopback clients only). Also in a Peer, where a 2.x ACL's LOGIN puts it (Momentum 4's "
                            + "summary leaves Peer out)");

    public static final OptionDef<Map<String, String>> AUTHORIZATION_PARAMETERS =
            supported("AuthorizationParameters", dictionary("uri"), NONE,
                    "control_listener, esmtp_listener, listen",
                    "Where console users get their roles, for Enable_Authorization: uri = \"groups:///path\", "
                            + "a file of role:user1,user2 (or role:unused:user1,user2) lines naming the Roles of "
                            + "the top-level Authorization scope. Momentum lists ESMTP_Listener too, where no "
                            + "command is authorized by role: there it changes nothing");

    public static final OptionDef<Map<String, String>> AUTH_PLAIN_PARAMETERS =
            supported("AuthPlainParameters", dictionary("uri"), NONE,
                    "esmtp_listener, http_listener, listen, pathway, pathway_group, xmpp_listener",
                    "PLAIN (RFC 4616): uri of a password store (file:// or digest://, with realm); not offered "
                            + "before TLS unless allowed (Allow_Plaintext_Auth; unset: loopback clients only)");

    public static final OptionDef<String> BANNER_HOSTNAME =
            supported("Banner_Hostname", hostName(), NONE, SMTP,
                    "The host name in the 220 greeting and the EHLO reply; unset: this machine's name");

    public static final OptionDef<Boolean> CLICK_TRACKING_ENABLED =
            ignored("Click_Tracking_Enabled", flag(), "false", SMTP,
                    "Rewrite links of injected messages for click tracking", TRACKING);

    public static final OptionDef<String> CLICK_TRACKING_SCHEME =
            ignored("Click_Tracking_Scheme", choice("http", "https"), "http", SMTP,
                    "Scheme of click-tracking links", TRACKING);

    public static final OptionDef<Long> CONCURRENCY =
            mapped("Concurrency", count(0, 1024), "0",
                    "control_listener, eccluster_listener, ecstream_listener, esmtp_listener, http_listener, "
                            + "listen, threadpool, xmpp_listener" + QMQP,
                    "Threads that accept and serve this socket's connections; 0 = one per processor",
                    "event-loop threads of the socket, taken from the JCA WorkManager (Momentum: accept "
                            + "threads of the Pool_Name pool)");

    public static final OptionDef<Map<String, String>> CONTEXT =
            supported("Context", dictionary(), NONE, SMTP,
                    "Connection context variables (name = value) for sessions of this listener, Listen or Peer");

    public static final OptionDef<Boolean> DISABLE_CHUNKED =
            supported("Disable_Chunked", flag(), "false", HTTP,
                    "HTTP_Listener: refuse a request body sent with chunked transfer-coding (411 Length "
                            + "Required), for clients that must say Content-Length; replies never use it");

    public static final OptionDef<Boolean> DISABLE_NAGLE_ALGORITHM =
            supported("Disable_Nagle_Algorithm", flag(), "true",
                    "control_listener, eccluster_listener, ecstream_listener, esmtp_listener, global, "
                            + "http_listener, listen, xmpp_listener",
                    "TCP_NODELAY on each accepted TCP connection (not Unix sockets): true sends every reply at "
                            + "once, false lets the kernel hold small writes back (Nagle). Per listener or "
                            + "Listen, not per Peer. Default true, not Momentum's false: Netty's default for "
                            + "accepted sockets, under which the adapter was measured (docs/benchmarks.md)");

    public static final OptionDef<String> DOMAIN_FOR_UNQUALIFIED_RECIPIENT_ADDRESSES =
            supported("Domain_For_Unqualified_Recipient_Addresses", hostName(), NONE, SMTP_GLOBAL,
                    "Domain added to a recipient written without one: RCPT TO:<alice> is taken as "
                            + "alice@domain, <postmaster> too, before relay control, Recipient_Check and the "
                            + "MDB see it. Unset: such a recipient gets 501 5.5.2, except <postmaster>, taken "
                            + "as written (RFC 5321)");

    public static final OptionDef<String> DOMAIN_FOR_UNQUALIFIED_SENDER_ADDRESS =
            supported("Domain_For_Unqualified_Sender_Address", hostName(), NONE, SMTP_GLOBAL,
                    "Domain added to a sender written without one: MAIL FROM:<alice> (or <postmaster>) is "
                            + "taken as alice@domain before relay control and the MDB see it. Unset: 501 5.5.2");

    public static final OptionDef<String> DURAVIP_FOLLOW =
            ignored("Duravip_Follow", text(), NONE, "listen",
                    "The binding whose DuraVIP this Listen follows (Momentum cluster)", DURAVIP);

    public static final OptionDef<String> DURAVIP_PREFERENCE =
            ignored("Duravip_Preference", text(), NONE, "binding, listen",
                    "This node's DuraVIP preference for the Listen (Momentum cluster)", DURAVIP);

    public static final OptionDef<Long> ECSTREAM_IDLE_TIME =
            supported("ECStream_Idle_Time", seconds(), "300", ECSTREAM,
                    "Seconds an ECStream client may stay silent before it is disconnected; 0 = never");

    public static final OptionDef<Long> ECSTREAM_MAX_BATCH_SIZE =
            supported("ECStream_Max_Batch_Size", count(1, INT), "10000", ECSTREAM,
                    "Most messages an ECStream client may pipeline in one batch (Momentum: before dropping "
                            + "back into the scheduler)");

    public static final OptionDef<Boolean> ENABLE =
            supported("Enable", flag(), "true", ALL_LISTENERS + QMQP,
                    "false: the listener or Listen is not bound; the mapper writes no MDB activation for it");

    public static final OptionDef<Boolean> ENABLE_AUTHENTICATION =
            supported("Enable_Authentication", flag(), NONE, AUTH,
                    "Require clients to authenticate: MAIL before AUTH gets 530 5.7.0 (clients in Relay_Hosts "
                            + "or under Open_Relay excepted); unset: off, except on a TCP Control_Listener "
                            + "(SPEC §7). Console: true makes a Unix socket session authenticate too (else it is "
                            + "its OS user); a TCP session always does, unless Always_Allow. HTTP_Listener: a "
                            + "request without valid Basic or Digest credentials gets 401; unset: required of every "
                            + "client but loopback and Unix-socket ones");

    public static final OptionDef<Boolean> ENABLE_AUTHORIZATION =
            supported("Enable_Authorization", flag(), NONE, "control_listener, listen, peer",
                    "true: a console command runs only when an allow regex of one of the user's Roles "
                            + "(AuthorizationParameters, top-level Authorization scope) is found in the command "
                            + "line, else Not Authorized for this command; unset or false: an authenticated user "
                            + "may run every command");

    public static final OptionDef<Boolean> ENABLE_DURAVIP =
            ignored("Enable_Duravip", flag(), NONE, "binding, listen",
                    "Make this Listen a Durable MultiVIP binding (Momentum cluster)", DURAVIP);

    public static final OptionDef<String> EVENT_LOOP =
            ignored("Event_Loop", text(), NONE, "ecstream_listener, esmtp_listener, listen",
                    "The Momentum event-loop pool that runs the listener (non-dynamic)",
                    "the event loops come from the container's WorkManager; Concurrency sizes them");

    public static final OptionDef<Long> EVENTS_PER_ITER =
            ignored("Events_Per_Iter", count(0, INT), "0", SOCKET,
                    "Connections taken from the accept queue per scheduler pass when Concurrency > 1",
                    "Netty's event loops accept and serve connections themselves: there is no accept queue");

    public static final OptionDef<Integer> FILE_MODE =
            supported("File_Mode", fileMode(), "0660", ALL_LISTENERS + QMQP,
                    "Permissions of a Unix domain socket file, in octal; 0660: owner and group");

    public static final OptionDef<Long> IDLE_TIME =
            supported("Idle_Time", seconds(), "300",
                    "esmtp_listener, http_listener, listen, pathway, pathway_group, peer, xmpp_listener" + QMQP,
                    "Seconds a client may stay silent, DATA included, before 421 4.4.2 and close (QMQP: closed "
                            + "without a reply, as qmqpd does); 0 = never. "
                            + "300 as in Momentum 4's summary and shipped conf (its option page says 0)");

    public static final OptionDef<Long> LISTEN_BACKLOG =
            supported("Listen_Backlog", count(1, 65535), "500", SOCKET + QMQP,
                    "Connections the kernel queues before they are accepted (the listen(2) backlog)");

    public static final OptionDef<Long> LISTENER_SESSIONS =
            supported("Listener_Sessions", count(0, INT), "1000",
                    "control_listener, esmtp_listener, listen, pathway, pathway_group, peer" + QMQP,
                    "Most concurrent sessions of this listener (per matching block in a Peer); then 421 4.4.5 "
                            + "(QMQP: Z; a console connection is closed without a word; the console's limit is not "
                            + "Momentum's, which has none). 0 = no limit. Default 1000, not Momentum's 0: every "
                            + "limit has a safe default");

    public static final OptionDef<Boolean> LOG_REQUESTS_TO_PANICLOG =
            supported("Log_Requests_To_Paniclog", flag(), "false", HTTP,
                    "HTTP_Listener: one access-log line per request at INFO, in Momentum's paniclog format: "
                            + "time:client-ip:client-port \"request line\" status reply-bytes seconds");

    public static final OptionDef<Long> MAX_MESSAGE_SIZE =
            alias(supported("Max_Message_Size", bytes(), "52428800", SMTP + QMQP,
                    "Most bytes of content per message, advertised with SIZE and enforced while streaming "
                            + "(552 5.3.4; QMQP: D after the request); 0 = unlimited. Default 50 MiB, not Momentum's 0: every limit has a "
                            + "safe default"), "message_size");

    public static final OptionDef<Long> MAX_RECEPTIONS_PER_CONNECTION =
            supported("Max_Receptions_Per_Connection", count(0, INT), "0", SMTP_GLOBAL,
                    "Most messages per session; then 421 and close. 0 = no limit, as Momentum (each message "
                            + "is already bounded by size and recipients)");

    public static final OptionDef<Long> MAX_RECIPIENTS_PER_CONNECTION =
            supported("Max_Recipients_Per_Connection", count(0, INT), "0",
                    "binding, binding_group, domain, esmtp_listener, global, listen, peer",
                    "Most recipients per session; then 452 4.5.3 (Momentum's reply table; its option page "
                            + "says 421). 0 = no limit, as Momentum");

    public static final OptionDef<Long> MAX_RECIPIENTS_PER_MESSAGE =
            supported("Max_Recipients_Per_Message", count(0, INT), "1000", SMTP,
                    "Most recipients per message; then 452 4.5.3 (RFC 5321 and Momentum's reply table; its "
                            + "option page says 421). 0 = no limit. Default 1000, not Momentum's 0");

    public static final OptionDef<Long> MAX_REQUEST_SIZE =
            supported("Max_Request_Size", bytes(), "52428800", HTTP,
                    "HTTP_Listener: most bytes of one request body; a larger one gets 413 (before it is sent, "
                            + "when Content-Length or Expect: 100-continue tells). 0 = unlimited. Default 50 MiB, "
                            + "not Momentum's unset (no limit): every limit has a safe default");

    public static final OptionDef<String> MCMT_RECEPTION =
            ignored("MCMT_Reception", text(), "passthru", SMTP,
                    "How the listener takes Mobile Momentum's Multi-Channel Message Type",
                    "Mobile Momentum (MM7, SMS) message types are not part of mail delivered to an MDB");

    public static final OptionDef<Boolean> OPEN_RELAY =
            supported("Open_Relay", flag(), "false", SMTP,
                    "Relay for every client that matches (write it inside a Peer)");

    public static final OptionDef<Boolean> OPEN_TRACKING_ENABLED =
            ignored("Open_Tracking_Enabled", flag(), "false", SMTP,
                    "Add an open-tracking pixel to injected messages", TRACKING);

    public static final OptionDef<String> OPEN_TRACKING_SCHEME =
            ignored("Open_Tracking_Scheme", choice("http", "https"), "http", SMTP,
                    "Scheme of open-tracking links", TRACKING);

    public static final OptionDef<String> PATHWAY =
            ignored("Pathway", text(), NONE, "ecstream_listener, esmtp_listener, listen, peer",
                    "The Momentum pathway scope whose policy the listener or ACL uses",
                    "pathways carry Momentum's inbound policy; here the MDB is the policy");

    public static final OptionDef<String> POOL_NAME =
            ignored("Pool_Name", text(), NONE, SOCKET,
                    "The Momentum thread pool that accepts connections",
                    "threads come from the container's JCA WorkManager (give the adapter its own pool "
                            + "there); Concurrency sizes the event loops");

    public static final OptionDef<Boolean> PROXY_PROTOCOL =
            supported("Proxy_Protocol", flag(), "false", PROXY + QMQP,
                    "Read the client's address from a PROXY header (v1, v2) before the greeting; a bad or "
                            + "missing header closes the connection");

    public static final OptionDef<Long> PROXY_PROTOCOL_TIMEOUT =
            supported("Proxy_Protocol_Timeout", seconds(), "60", PROXY + QMQP,
                    "Seconds to wait for a complete PROXY header; 0 = no limit");

    public static final OptionDef<String> RECEIVED_HOSTNAME =
            supported("Received_Hostname", hostName(), NONE, SMTP,
                    "The host name in the by clause of the Received: header; unset: Banner_Hostname");

    public static final OptionDef<String> RECONFIG_MESSAGE =
            ignored("Reconfig_Message", text(), "4.3.2 Reconfiguration in progress", "esmtp_listener",
                    "Text of the 421 at MAIL FROM or RSET after Momentum's configuration changed",
                    "a changed configuration is a redeployment here: the old activation's sessions end with "
                            + "its shutdown reply, 421 4.3.2");

    public static final OptionDef<List<String>> RELAY_FOR_SENDING_DOMAINS =
            supported("Relay_For_Sending_Domains", textList(), NONE, SMTP,
                    "Sender domains (*.example.com allowed) that may relay from this ACL; empty: any");

    public static final OptionDef<List<Cidr>> RELAY_HOSTS =
            supported("Relay_Hosts", cidrList(), NONE, SMTP_GLOBAL,
                    "Blocks whose clients may relay without AUTH, e.g. ( \"127.0.0.0/8\" )");

    public static final OptionDef<Boolean> REQUIRE_EHLO =
            supported("Require_EHLO", flag(), "false", SMTP_GLOBAL,
                    "Refuse commands before EHLO or HELO with 550 5.5.1 (Momentum's reply table; its option "
                            + "page says 501)");

    public static final OptionDef<Long> SERVICE_SESSIONS =
            supported("Service_Sessions", count(0, INT), "0", SMTP,
                    "Most concurrent sessions of all listeners of this service (ESMTP, ECStream); then 421 "
                            + "4.4.5. 0 = no limit, as Momentum (Listener_Sessions bounds each listener)");

    public static final OptionDef<List<String>> SMTP_EXTENSIONS =
            supported("SMTP_Extensions", textList(), NONE, SMTP,
                    "The extensions EHLO offers: ENHANCEDSTATUSCODES, STARTTLS, AUTH <mechanism>, CHUNKING, "
                            + "BINARYMIME (with CHUNKING), SMTPUTF8 (PIPELINING, 8BITMIME and SIZE always); unset: "
                            + "every one the other options make possible. The trusted peers' XCLIENT, XREMOTEIP, "
                            + "XDUMPCONTEXT, XSETCONTEXT only when listed. Others are reported");

    public static final OptionDef<String> STARTTLS_INJECTION_POLICY =
            supported("Starttls_Injection_Policy", choice("allow", "ignore", "reject"), "reject", SMTP,
                    "Commands pipelined after STARTTLS (CVE-2011-0411): reject refuses STARTTLS and drops the "
                            + "connection, ignore discards them; allow discards them too (never run: running them "
                            + "is the CVE), logged as ordinary");

    public static final OptionDef<String> STATIC_BANNER =
            supported("Static_Banner", textStartingWith("220 "), NONE, SMTP,
                    "The whole greeting instead of the built-in one, e.g. 220 mx.example.com ESMTP");

    public static final OptionDef<Long> TCP_RECV_BUFFER_SIZE =
            supported("TCP_Recv_Buffer_Size", bytes(INT), "0", SOCKET,
                    "SO_RCVBUF of each accepted TCP connection (not Unix sockets); 0 = the OS sizes it (and "
                            + "tunes it as the connection goes; Linux stops tuning a set one, and doubles it). "
                            + "Per listener or Listen, not per Peer. Default 0, not Momentum's 4096 (32768 on "
                            + "HTTP_Listener): the OS tunes it better");

    public static final OptionDef<Long> TCP_SEND_BUFFER_SIZE =
            supported("TCP_Send_Buffer_Size", bytes(INT), "0", SOCKET,
                    "SO_SNDBUF of each accepted TCP connection (not Unix sockets); 0 = the OS sizes it (and "
                            + "tunes it as the connection goes; Linux stops tuning a set one, and doubles it). "
                            + "Per listener or Listen, not per Peer. Default 0, not Momentum's 4096 (32768 on "
                            + "HTTP_Listener): the OS tunes it better");

    public static final OptionDef<Long> TIMEOUT =
            supported("Timeout", seconds(), "60", "control_listener",
                    "Seconds a console session may stay idle before it is closed without a reply, or stop in "
                            + "the middle of a frame before it gets a TEXT reply naming the problem and is "
                            + "closed; 0 = never");

    public static final OptionDef<Boolean> TLS_ALLOW_RENEGOTIATION =
            supported("TLS_Allow_Renegotiation", flag(), "true",
                    "ecstream_listener, esmtp_listener, http_listener, listen, listen, pathway, pathway_group, "
                            + "peer, xmpp_listener",
                    "Whether a client may renegotiate TLS 1.2 (TLS 1.3 has no renegotiation). false: a client "
                            + "that starts a second handshake has its connection closed (the adapter refuses it "
                            + "per connection, before the JDK reads it). true: the JDK decides: it takes a secure "
                            + "(RFC 5746) renegotiation unless the JVM is started with "
                            + "-Djdk.tls.rejectClientInitiatedRenegotiation=true, which refuses it on every "
                            + "listener, whatever this says; the adapter never starts one");

    public static final OptionDef<String> TLS_CERTIFICATE =
            supported("TLS_Certificate", text(), NONE, TLS_FILES,
                    "PEM file with the server's certificate chain (and key, unless TLS_Key); none cancels an "
                            + "outer one. With one, STARTTLS is offered");

    public static final OptionDef<String> TLS_CIPHERS =
            supported("TLS_Ciphers", text(), NONE, TLS_FILES,
                    "Cipher suites for TLS 1.2 and older, as an OpenSSL cipher list (OpenSSL or JDK names, "
                            + "groups such as HIGH, !aNULL); unset: the JDK's defaults");

    public static final OptionDef<String> TLS_CLIENT_CA =
            supported("TLS_Client_CA", text(), NONE,
                    "ecstream_listener, esmtp_listener, global, http_listener, listen, pathway, pathway_group, "
                            + "peer, xmpp_listener",
                    "PEM bundle of the CAs that client certificates are verified against");

    public static final OptionDef<String> TLS_KEY =
            supported("TLS_Key", text(), NONE, TLS_FILES,
                    "PEM file with the private key, when TLS_Certificate does not hold it");

    public static final OptionDef<String> TLS_PROTOCOLS =
            supported("TLS_Protocols", text(), NONE,
                    "binding, binding_group, domain, ecstream_listener, esmtp_listener, global, http_listener, "
                            + "listen, pathway, pathway_group, peer",
                    "Protocol versions, as +ALL:-TLSv1.0:-TLSv1.1; unset: the JDK's enabled ones (Momentum: "
                            + "+ALL)");

    public static final OptionDef<Boolean> TLS_VERIFIED_PEER_CAN_RELAY =
            supported("TLS_Verified_Peer_Can_Relay", flag(), "false",
                    "ecstream_listener, esmtp_listener, listen, pathway, pathway_group, peer",
                    "A client whose certificate verified against TLS_Client_CA may relay, as an authenticated "
                            + "one may");

    public static final OptionDef<Boolean> TLS_VERIFIED_PEER_IS_AUTHORIZED =
            supported("TLS_Verified_Peer_Is_Authorized", flag(), "false", "http_listener, listen, pathway, peer",
                    "HTTP_Listener: a request over TLS whose client certificate verified against TLS_Client_CA "
                            + "needs no Authorization header");

    public static final OptionDef<String> TLS_VERIFY_MODE =
            supported("TLS_Verify_Mode", choice("none", "optional", "require"), "optional",
                    "ecstream_listener, esmtp_listener, http_listener, listen, pathway, pathway_group, peer, "
                            + "xmpp_listener",
                    "Client certificates: none ignores them, optional verifies one if sent (asked for only "
                            + "when TLS_Client_CA is set; one that fails does not end the session), require needs "
                            + "one that verifies; not a way to require TLS. Momentum's unset acts as optional");

    public static final OptionDef<String> TLSV13_CIPHERSUITES =
            supported("TLSv13_Ciphersuites", text(), NONE,
                    "binding, binding_group, domain, esmtp_listener, global, http_listener, listen, pathway, "
                            + "pathway_group, peer",
                    "TLS 1.3 cipher suites allowed; unset: the JDK's defaults");

    public static final OptionDef<String> TRACKING_DOMAIN =
            ignored("Tracking_Domain", text(), "localhost:8080", SMTP,
                    "Host (and port) of engagement-tracking links", TRACKING);

    public static final OptionDef<Long> TRACKING_LINK_EXPIRY =
            ignored("Tracking_Link_Expiry", seconds(), "31536000", SMTP,
                    "Seconds engagement-tracking links stay valid", TRACKING);

    public static final OptionDef<Boolean> USE_SSL =
            supported("Use_SSL", flag(), "false",
                    "ecstream_listener, esmtp_listener, http_listener, listen, pathway, pathway_group, peer",
                    "TLS from the first byte (implicit TLS, as on port 465) instead of STARTTLS");

    // The adapter's own options: Momentum has no name for these.
    public static final OptionDef<Boolean> ALLOW_PLAINTEXT_AUTH =
            adapterOwn(supported("Allow_Plaintext_Auth", flag(), NONE, SMTP,
                    "Offer and take AUTH PLAIN and LOGIN before STARTTLS, password in the clear: true for "
                            + "every client, false for none (loopback included); unset: loopback and Unix "
                            + "socket clients only. CRAM-MD5 needs no TLS"));

    public static final OptionDef<Boolean> CONTINUE =
            adapterOwn(ignored("Continue", flag(), "false", "peer",
                    "The continue of a Momentum 2.x ACL entry (the entries after it that match apply too); the "
                            + "2.x translation keeps it under this name",
                    "every matching Peer applies here, most specific first, as Momentum 4's Peers fall back: "
                            + "with or without continue"));

    public static final OptionDef<List<String>> LOCAL_DOMAINS =
            adapterOwn(supported("Local_Domains", textList(), NONE, SMTP,
                    "The recipient domains this listener takes mail for (example.com, *.example.com for its "
                            + "subdomains); any other recipient is relaying. Unset: every domain is local and the "
                            + "MDB decides"));

    public static final OptionDef<Long> MAX_CONCURRENT_DELIVERIES =
            adapterOwn(supported("Max_Concurrent_Deliveries", count(1, INT), "16",
                    "ecstream_listener, esmtp_listener, http_listener, listen" + QMQP,
                    "Deliveries to the MDB in progress at once; further sessions wait, reading nothing. "
                            + "Keep it below the MDB pool's size"));

    public static final OptionDef<String> BARE_NEWLINE_POLICY =
            adapterOwn(supported("Bare_Newline_Policy", choice("reject", "normalize", "allow"), "reject",
                    "esmtp_listener, listen, peer",
                    "A bare CR or LF (not part of CR LF), or a NUL, which a lenient server behind the MDB could take as "
                            + "a line end (SMTP smuggling downstream; Postfix's smtpd_forbid_bare_newline). reject: a "
                            + "command line ended by a bare LF or holding a CR gets 521 5.5.2 and the connection is "
                            + "closed, a message holding one is read to its end and refused with 550 5.5.2; "
                            + "normalize: bare CR and LF in a message become CR LF; allow: passed on as they are. "
                            + "Only CR LF . CR LF ends DATA under every policy"));

    public static final OptionDef<Long> MAX_SESSIONS_PER_CLIENT =
            adapterOwn(supported("Max_Sessions_Per_Client", count(0, INT), "50",
                    "control_listener, ecstream_listener, esmtp_listener, http_listener, listen, peer" + QMQP,
                    "Most concurrent sessions of one client IP address on this listener; then 421 4.7.0 (ECStream: "
                            + "BYE 421; QMQP: Z; HTTP: 503; console: closed). 0 = no limit. Postfix's "
                            + "smtpd_client_connection_count_limit, whose default this is; lift it in a Peer for "
                            + "hosts that open many (the shipped conf does for loopback, as Postfix exempts "
                            + "$mynetworks)"));

    public static final OptionDef<Long> MIN_DATA_RATE =
            adapterOwn(supported("Min_Data_Rate", count(0, INT), "500", "esmtp_listener, listen, peer",
                    "Octets a second that earn the content of a DATA or BDAT request a second more than Idle_Time: "
                            + "content must be complete within Idle_Time of its first octet plus one second per "
                            + "Min_Data_Rate octets, and a command line within Idle_Time of its first octet; then "
                            + "421 4.4.2 and close (Postfix's smtpd_min_data_rate). 0 = content is bounded by "
                            + "Idle_Time of silence only"));

    public static final OptionDef<Boolean> RECIPIENT_CHECK =
            adapterOwn(supported("Recipient_Check", flag(), "false", "esmtp_listener, listen, peer",
                    "Put each recipient that passed the listener's own checks to the MDB's checkRecipient "
                            + "before RCPT TO is answered: its RejectException is the reply for that recipient, "
                            + "any other failure 451 4.3.0; the session reads nothing meanwhile, and the check "
                            + "counts against Max_Concurrent_Deliveries. ESMTP only (ECStream does not check)"));

    public static final OptionDef<Boolean> QMQP_AUTHORIZED =
            adapterOwn(supported("QMQP_Authorized", flag(), NONE, "listen, peer, qmqp_listener",
                    "Whether the clients this applies to may inject over QMQP, which has no authentication: "
                            + "true for every client (write it in a Peer), false for none; unset: loopback and Unix "
                            + "socket clients only. Others hear D (Error: ... is not authorized to use this service) "
                            + "at once, as from Postfix's qmqpd_authorized_clients"));

    // -- gate: black-hole listening and refusing at connect (issue 13) --
    public static final OptionDef<String> BLACKHOLE =
            adapterOwn(supported("Blackhole", choice("off", "discard", "store"), "off",
                    "ecstream_listener, esmtp_listener, http_listener, listen, qmqp_listener",
                    "For measuring, never for production mail: discard accepts and acknowledges every message "
                            + "without calling the MDB (what is received is lost); store first writes it to the "
                            + "spill directory and forces it to disk, then deletes it (the disk's rate); off "
                            + "delivers to the MDB. Replies, counters and the Received header stay real; no "
                            + "recipient or connection check is asked. Cisco's black-hole listener, non-queueing "
                            + "and queueing. Fixed when the Listen starts. Not Momentum's Blackhole of bindings "
                            + "and domains"));

    public static final OptionDef<Boolean> CONNECTION_CHECK =
            adapterOwn(supported("Connection_Check", flag(), "false", "esmtp_listener, listen, peer",
                    "Put each new connection to the MDB's checkConnection before the banner: its RejectException "
                            + "is the only reply (then close), any other failure 421 4.3.0; counts against "
                            + "Max_Concurrent_Deliveries. ESMTP only"));

    public static final OptionDef<Boolean> REJECT_CONNECTIONS =
            adapterOwn(supported("Reject_Connections", flag(), "false",
                    "control_listener, ecstream_listener, esmtp_listener, http_listener, listen, peer, qmqp_listener",
                    "Refuse the clients of this Peer (or every client) at connect, before any banner: ESMTP "
                            + "answers 554 5.7.1 Reject_Connections_Text and closes; ECStream, QMQP, HTTP and the "
                            + "console close at once. One INFO log line each. Cisco's HAT REJECT: a private listener "
                            + "refuses outsiders"));

    public static final OptionDef<String> REJECT_CONNECTIONS_TEXT =
            adapterOwn(supported("Reject_Connections_Text", text(), "Access denied",
                    "esmtp_listener, listen, peer",
                    "The text of the 554 5.7.1 reply to a client refused by Reject_Connections"));
    // -- end gate --

    private ListenerOptions() {
    }

    /** Every row: each public constant of this class. */
    static List<OptionDef<?>> all() {
        List<OptionDef<?>> rows = new ArrayList<>();
        for (Field field : ListenerOptions.class.getDeclaredFields()) {
            if (field.getType() == OptionDef.class && Modifier.isPublic(field.getModifiers())) {
                try {
                    rows.add((OptionDef<?>) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read the row " + field.getName(), e);
                }
            }
        }
        return rows;
    }

    private static <T> OptionDef<T> supported(String name, OptionType<T> type, String defaultText, String scopes,
                                              String meaning) {
        return row(name, type, defaultText, scopes, meaning, Support.SUPPORTED, "");
    }

    private static <T> OptionDef<T> mapped(String name, OptionType<T> type, String defaultText, String scopes,
                                           String meaning, String equivalent) {
        return row(name, type, defaultText, scopes, meaning, Support.MAPPED, equivalent);
    }

    private static <T> OptionDef<T> ignored(String name, OptionType<T> type, String defaultText, String scopes,
                                            String meaning, String why) {
        return row(name, type, defaultText, scopes, meaning, Support.IGNORED, why);
    }

    private static <T> OptionDef<T> row(String name, OptionType<T> type, String defaultText, String scopes,
                                        String meaning, Support support, String note) {
        // The default goes through the option's own parser, so a default the parser would refuse cannot exist.
        Optional<T> defaultValue = defaultText == null ? Optional.empty()
                : Optional.of(type.parse(name, new ConfValue.Scalar(defaultText)));
        return new OptionDef<>(name, type, defaultValue, scopes(scopes), meaning, support, note, false, List.of());
    }

    private static <T> OptionDef<T> alias(OptionDef<T> o, String... aliases) {
        return new OptionDef<>(o.name(), o.type(), o.defaultValue(), o.scopes(), o.meaning(), o.support(), o.note(),
                o.adapterSpecific(), Arrays.asList(aliases));
    }

    private static <T> OptionDef<T> adapterOwn(OptionDef<T> o) {
        return new OptionDef<>(o.name(), o.type(), o.defaultValue(), o.scopes(), o.meaning() + " (adapter-specific)",
                o.support(), o.note(), true, o.aliases());
    }

    private static Set<ScopeKind> scopes(String list) {
        List<ScopeKind> scopes = new ArrayList<>();
        for (String name : list.split(",")) {
            scopes.add(ScopeKind.find(name).orElseThrow(() -> new IllegalArgumentException("no scope " + name)));
        }
        return EnumSet.copyOf(scopes);
    }
}
