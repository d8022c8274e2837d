package org.mtalistener.conf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.conf.model.Load.conf;
import static org.mtalistener.conf.model.Load.errors;
import static org.mtalistener.conf.model.Load.option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtalistener.conf.options.ScopeKind;
import org.mtalistener.conf.parse.ConfError;
import org.mtalistener.conf.parse.ConfException;
import org.mtalistener.conf.parse.ConfParser;
import org.mtalistener.conf.parse.Position;
import org.mtalistener.conf.values.Cidr;
import org.mtalistener.conf.values.ListenAddress;

class ConfLoaderTest {

    /**
     * The examples the loader refuses, with why. Each shows spellings of one address side by side (or gathers
     * snippets into a second scope of one listener): fine to show the syntax, but one socket cannot be bound twice,
     * so as a configuration each is a mistake the loader must name.
     */
    private static final Map<String, List<String>> REFUSED = Map.of(
            "reference-inline-snippets.conf", List.of("reference-inline-snippets.conf:18:1: Control_Listener is "
                    + "written twice (first at reference-inline-snippets.conf:4:1); write one scope with every Listen "
                    + "in it"),
            "seed000-06-ipv6-listen.conf", List.of("seed000-06-ipv6-listen.conf:6:1: Listen \"[::]:25\" is written "
                    + "twice (first at seed000-06-ipv6-listen.conf:5:1): one socket, one Listen scope"),
            "seed004-05-tcpip-address-syntax.conf", List.of("seed004-05-tcpip-address-syntax.conf:7:3: Listen "
                    + "\"*:587\" is written twice (first at seed004-05-tcpip-address-syntax.conf:6:3): one socket, one "
                    + "Listen scope"),
            "seed004-06-unix-address-syntax.conf", List.of(
                    "seed004-06-unix-address-syntax.conf:4:3: Listen \"/tmp/2025\" is written twice (first at "
                            + "seed004-06-unix-address-syntax.conf:3:3): one socket, one Listen scope",
                    "seed004-06-unix-address-syntax.conf:5:3: Listen \"/tmp/2025\" is written twice (first at "
                            + "seed004-06-unix-address-syntax.conf:3:3): one socket, one Listen scope"));

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Load.examples())) {
            return files.filter(f -> f.toString().endsWith(".conf")).sorted().toList().stream();
        }
    }

    /** Read under its bare file name, so that messages do not depend on where the build runs. */
    private static Configuration load(Path example) throws IOException, ConfException {
        return ConfLoader.read(ConfParser.parse(Files.readString(example), example.getFileName()));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleLoadsOrFailsOnlyWithTheErrorsItMustCause(Path example) throws Exception {
        List<String> expected = REFUSED.get(example.getFileName().toString());
        if (expected == null) {
            Configuration configuration = load(example);
            assertEquals(example.getFileName().toString(), configuration.source());
            assertFalse(configuration.listeners().isEmpty() && configuration.notices().isEmpty()
                            && configuration.authorization().isEmpty(),
                    "an example either has a listener or roles, or says why it has none");
        } else {
            ConfException e = assertThrows(ConfException.class, () -> load(example));
            assertEquals(expected, e.errors().stream().map(ConfError::toString).toList());
        }
    }

    @Test
    void theRefusedExamplesExist() throws IOException {
        List<String> names = examples().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(REFUSED.keySet()), "stale names in REFUSED: " + REFUSED.keySet());
        assertEquals(36, names.size());
    }

    @Test
    void the2xAclsLoadWithTheirContinueReportedOnce() throws Exception {
        // seed 004, block 4: continue on 0.0.0.0/0, personality keys in 2.x spelling, relay, context, DIGEST-MD5
        Configuration configuration = load(Load.examples().resolve("seed004-04-esmtp-listener-acls.conf"));
        Socket socket = Load.onlySocket(configuration);
        assertEquals(List.of("0.0.0.0/0", "10.1.2.3/32", "10.1.2.4/32", "10.0.0.0/8"),
                socket.listen().peers().stream().map(p -> p.block().toString()).toList());
        PeerScope all = socket.listen().peers().get(0);
        assertEquals(Optional.of(300L), all.options().get(option("Idle_Time")).map(Setting::value));
        assertEquals(Optional.of("example.com"), all.options().get(option("Banner_Hostname")).map(Setting::value));
        assertEquals(Optional.of(true), all.options().get(option("Continue")).map(Setting::value));
        assertEquals(1, configuration.notices().stream().filter(n -> n.startsWith("Continue is ignored: ")).count(),
                configuration.notices().toString());
    }

    @Test
    void the2xCramMd5AndLoginAclsLoadInAPeer() throws Exception {
        for (String example : List.of("seed004-18-cram-md5.conf", "seed004-20-login.conf")) {
            PeerScope peer = Load.onlySocket(load(Load.examples().resolve(example))).listen().peers().get(0);
            assertEquals(List.of("SMTP_Extensions", "Continue", example.contains("cram") ? "AuthCramMD5Parameters"
                            : "AuthLoginParameters").stream().sorted().toList(),
                    peer.options().all().stream().map(s -> s.option().name()).sorted().toList());
        }
    }

    @Test
    void anUnknownOptionInAListenerListenOrPeerSaysWhatWasMeant() {
        assertEquals(List.of(
                        "test.conf:2:3: unknown option \"Max_Mesage_Size\": did you mean Max_Message_Size?",
                        "test.conf:3:18: unknown option \"Idle_Tme\": did you mean Idle_Time?",
                        "test.conf:4:23: unknown option \"banner_hostnme\": did you mean Banner_Hostname?"),
                errors("""
                        ESMTP_Listener {
                          Max_Mesage_Size = 10
                          Listen ":25" { Idle_Tme = 5 }
                          Peer "10.0.0.0/8" { banner_hostnme = x }
                        }
                        """));
    }

    @Test
    void anUnknownOptionWithNothingNearSaysWhereTheOptionsAreListed() {
        assertEquals(List.of("test.conf:1:33: unknown option \"Frobnicate\" (docs/conf.md lists the options a "
                + "listener takes)"), errors("ESMTP_Listener { Listen \":25\" { Frobnicate = 1 } }"));
    }

    @Test
    void anOptionInTheWrongScopeSaysWhereItGoes() {
        assertEquals(List.of("test.conf:3:25: Listen_Backlog is not valid in a Peer scope (valid in: ESMTP_Listener, "
                        + "Listen)"),
                errors("""
                        ESMTP_Listener {
                          Listen ":25" {
                            Peer "10.0.0.0/8" { Listen_Backlog = 5 }
                          }
                        }
                        """));
        assertEquals(List.of("test.conf:1:38: Max_Message_Size is not valid in a Listen scope of Control_Listener (it "
                        + "applies to ESMTP_Listener, QMQP_Listener)",
                        "test.conf:2:18: Timeout is not valid in ESMTP_Listener (it applies to Control_Listener)"),
                errors("Control_Listener { Listen \"/tmp/c\" { Max_Message_Size = 5 } }\n"
                        + "ESMTP_Listener { Timeout = 5 Listen \":25\" { } }"));
    }

    @Test
    void theControlListenerTakesTheOptionsMomentumDocumentsForIt() throws Exception {
        // support-docs 4/control-listener, 4/control-auth, 4/control-authz and the options summary: every one of
        // these is valid where it is written, and the adapter acts on each (no notice)
        Configuration configuration = conf("""
                Control_Listener {
                  Timeout = 30
                  Enable_Authentication = true
                  Enable_Authorization = true
                  AuthorizationParameters = [ uri = "groups:///etc/console_roles" ]
                  AuthDigestMD5Parameters = [ uri = "digest:///etc/console_passwd" realm = "console" ]
                  Listen_Backlog = 50
                  Peer "10.0.0.0/8" { Always_Deny = true  Enable_Authorization = false }
                  Listen "/tmp/2025" {
                    File_Mode = 0666
                    Enable_Authentication = false
                    AuthLoginParameters = [ uri = "file:///etc/console_passwd" ]
                  }
                  Listen "127.0.0.1:2025" {
                    Enable = true
                    AuthorizationParameters = [ uri = "groups:///etc/tcp_roles" ]
                    Peer "127.0.0.1" { Always_Allow = true  AuthDigestMD5Parameters = [ uri = "digest:///x" ] }
                  }
                }
                Authorization { Role "admin" { allow = ( "^summary$" ) } }
                """);
        assertEquals(List.of(), configuration.notices());
        Socket unix = configuration.sockets().get(0);
        assertEquals(Optional.of(30L), unix.resolve(option("Timeout"), null).value());
        assertEquals(Optional.of(false), unix.resolve(option("Enable_Authentication"), null).value());
        assertEquals(Optional.of(0666), unix.resolve(option("File_Mode"), null).value());
        Socket tcp = configuration.sockets().get(1);
        assertEquals(Optional.of(Map.of("uri", "groups:///etc/tcp_roles")),
                tcp.resolve(option("AuthorizationParameters"), null).value());
        assertEquals(Optional.of(true), tcp.resolve(option("Always_Allow"),
                java.net.InetAddress.getLoopbackAddress()).value());
        assertEquals(List.of("test.conf:1:38: Timeout is not valid in a Listen scope (valid in: Control_Listener)",
                        "test.conf:2:38: Enable_Authorization is not valid in a Peer scope of ESMTP_Listener (it "
                                + "applies to Control_Listener)"),
                errors("Control_Listener { Listen \"/tmp/c\" { Timeout = 5 } }\n"
                        + "ESMTP_Listener { Peer \"10.0.0.0/8\" { Enable_Authorization = true } }"));
    }

    @Test
    void aBadValueIsReportedAtTheValue() {
        assertEquals(List.of("test.conf:2:22: Max_Message_Size: \"10MB\" is not a byte count (use 10485760)"),
                errors("""
                        ESMTP_Listener {
                          Max_Message_Size = 10MB
                          Listen ":25" { }
                        }
                        """));
        assertEquals(List.of("test.conf:1:42: Enable: \"maybe\" is not a boolean (use true or false)",
                        "test.conf:1:58: Context: nested arrays and dictionaries are not allowed here, got ( b )"),
                errors("ESMTP_Listener { Listen \":25\" { Enable = maybe Context = [ a = ( b ) ] } }"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<String> errors = errors("""
                ESMTP_Listener {
                  Idle_Time = 5
                  Idle_Time = 6
                  Listen ":25" { Max_Message_Size = ( 1 2 ) }
                  Listen "*:25" { }
                }
                """);
        assertEquals(List.of(
                "test.conf:3:3: Idle_Time is set twice in this scope (first at test.conf:2:3)",
                "test.conf:4:37: Max_Message_Size: takes a single value, not an array (write Max_Message_Size = "
                        + "10485760)",
                "test.conf:5:3: Listen \"*:25\" is written twice (first at test.conf:4:3): one socket, one Listen "
                        + "scope"), errors);
    }

    @Test
    void twoSpellingsOfOneSocketAreADuplicateListenEvenInAnotherListener() throws Exception {
        assertEquals(List.of("test.conf:3:3: Listen \"[::]:25\" is written twice (first at test.conf:2:3): one "
                        + "socket, one Listen scope",
                        "test.conf:5:23: Listen \"*:25\" is written twice (first at test.conf:4:3): one socket, one "
                                + "Listen scope"),
                errors("""
                        ESMTP_Listener {
                          Listen "[*]:25" { }
                          Listen "[0:0::0]:25" { }
                          Listen ":25" { }
                        } ECStream_Listener { Listen "0.0.0.0:25" { } }
                        """));
        // what stays apart: the two families' wildcards, and two ports
        assertEquals(3, conf("ESMTP_Listener { Listen \"*:25\" { } Listen \"[*]:25\" { } Listen \"*:26\" { } }")
                .sockets().size());
    }

    @Test
    void aPeerBlockWrittenTwiceInOneScopeIsAnError() throws Exception {
        assertEquals(List.of(
                        "test.conf:4:32: Peer \"::1/128\" is written twice in this scope (first at test.conf:4:18)",
                        "test.conf:3:3: Peer \"10.0.0.0/8\" is written twice in this scope (first at test.conf:2:3)"),
                errors("""
                        ESMTP_Listener {
                          Peer "10.0.0.0/8" { }
                          Peer "10.1.2.3/8" { }
                          Listen ":25" { Peer "::1" {} Peer "0:0::1/128" {} }
                        }
                        """));
        // the same block in the listener and in a Listen is two places of the fallback chain, not a duplicate
        Socket socket = Load.onlySocket(conf("""
                ESMTP_Listener {
                  Peer "10.0.0.0/8" { Idle_Time = 1 }
                  Listen ":25" { Peer "10.0.0.0/8" { Idle_Time = 2 } }
                }
                """));
        assertEquals(1, socket.listener().peers().size());
        assertEquals(1, socket.listen().peers().size());
    }

    @Test
    void aListenerWrittenTwiceIsAnErrorWhateverTheSyntax() {
        assertEquals(List.of("test.conf:4:1: ESMTP_Listener is written twice (first at test.conf:1:1); write one "
                        + "scope with every Listen in it"),
                errors("""
                        ESMTP_Listener {
                          Listen ":25" { }
                        }
                        esmtp_listener {
                          Listen ":26" { }
                        }
                        """));
        assertEquals(List.of("test.conf:2:1: Control_Listener is written twice (first at test.conf:1:1); write one "
                        + "scope with every Listen in it"),
                errors("Control_Listener = ( /tmp/a )\nControl_Listener { Listen \"/tmp/b\" { } }"));
    }

    @Test
    void peerScopesDoNotNest() {
        assertEquals(List.of("test.conf:4:7: expected an option in Peer \"10.0.0.0/8\", got the scope Peer (Peer "
                        + "scopes do not nest)"),
                errors("""
                        ESMTP_Listener {
                          Listen ":25" {
                            Peer "10.0.0.0/8" {
                              Peer "10.0.0.1" { }
                            }
                          }
                        }
                        """));
    }

    @Test
    void otherScopesInsideAListenerOrListenAreErrors() {
        assertEquals(List.of("test.conf:1:18: expected an option, Listen or Peer in ESMTP_Listener, got the scope Foo",
                        "test.conf:1:41: expected an option or Peer in Listen \"*:25\", got the scope Bar",
                        "test.conf:1:66: expected an option or Peer in Listen \"*:26\", got the scope Listen"),
                errors("ESMTP_Listener { Foo { } Listen \":25\" { Bar { } } Listen \":26\" { Listen \":27\" { } } }"));
    }

    @Test
    void aGlobalOptionOfSomeoneElseIsANoticeAndAMisspeltListenerOptionAnError() throws Exception {
        Configuration configuration = conf("""
                Server_Max_File_Descriptors = 10000
                Idle_Timeout = 5
                Relay_Hosts = ( "127.0.0.0/8" )
                ESMTP_Listener { Listen ":25" { } }
                """);
        assertTrue(configuration.notices().containsAll(List.of(
                "Server_Max_File_Descriptors is not a listener option: ignored by the adapter",
                "Idle_Timeout is not a listener option: ignored by the adapter")), configuration.notices().toString());
        assertEquals(Optional.of(List.of(Cidr.parse("127.0.0.0/8"))),
                configuration.global().get(option("Relay_Hosts")).map(Setting::value));

        assertEquals(List.of("test.conf:2:1: unknown option \"Max_Mesage_Size\": did you mean Max_Message_Size?"),
                errors("ESMTP_Listener { Listen \":25\" { } }\nMax_Mesage_Size = 10"));
        assertEquals(List.of("test.conf:1:1: Listen_Backlog is not valid in the global scope (valid in: "
                        + "ESMTP_Listener, ECStream_Listener, Control_Listener, QMQP_Listener, HTTP_Listener, "
                        + "XMPP_Listener, ECCluster_Listener, Listen)"),
                errors("Listen_Backlog = 5"));
    }

    @Test
    void scopesThatAreNotListenersAndOtherListenersAreNotices() throws Exception {
        Configuration configuration = conf("""
                ThreadPool accept-pool { Concurrency = 4 }
                Domain example.com { }
                ecstream { }
                XMPP_Listener { Listen ":5222" { } }
                Threadpool other { }
                ESMTP_Listener { Listen ":25" { } }
                HTTP_Listener { Listen "127.0.0.1:2081" { Disable_Chunked = true } }
                """);
        assertEquals(List.of("the ThreadPool scope is not a listener: ignored by the adapter",
                "the Domain scope is not a listener: ignored by the adapter",
                "the ecstream scope is not a listener: ignored by the adapter",
                "XMPP_Listener is not run by the adapter (it runs ESMTP_Listener, ECStream_Listener, "
                        + "Control_Listener, QMQP_Listener and HTTP_Listener): ignored",
                "the Threadpool scope is not a listener: ignored by the adapter"), configuration.notices());
        assertEquals(List.of(ScopeKind.ESMTP_LISTENER, ScopeKind.HTTP_LISTENER), configuration.listeners().stream()
                .map(ListenerScope::kind).toList());
    }

    @Test
    void momentumsDocumentedSpellingsLoad() throws Exception {
        // "=" before a scope's brace, and a quoted SQL query over several lines in an auth_ds scheme
        Configuration configuration = conf("""
                Esmtp_Listener = {
                  Listen ":25" {
                    Idle_Time = 300
                  }
                }
                auth_ds = {
                  Scheme "ecauth" {
                    Authenticate {
                      query = "SELECT password FROM users
                               WHERE name = :username"
                      type = "md5"
                    }
                  }
                }
                """);
        assertEquals(Optional.of(300L), Load.onlySocket(configuration).listen().options().get(option("Idle_Time"))
                .map(Setting::value));
        assertEquals(List.of("the auth_ds scope is not a listener: ignored by the adapter"), configuration.notices());
    }

    @Test
    void relayDomainsInAListenerIsReadAsLocalDomainsWithANotice() throws Exception {
        Configuration configuration = conf("""
                Relay_Domains = ( "global.example" )
                ESMTP_Listener {
                  Listen ":25" {
                    relay_domains = ( "example.com" "*.example.org" )
                    Peer "10.0.0.0/8" { Relay_Domains = ( "inside.example" ) }
                  }
                }
                """);
        ListenScope listen = Load.onlySocket(configuration).listen();
        assertEquals(Optional.of(List.of("example.com", "*.example.org")),
                listen.options().get(option("Local_Domains")).map(Setting::value));
        assertEquals(Optional.of(List.of("inside.example")),
                listen.peers().get(0).options().get(option("Local_Domains")).map(Setting::value));
        assertEquals(List.of("Relay_Domains is not a listener option: ignored by the adapter",
                "test.conf:4:5: relay_domains in Listen is read as Local_Domains (Momentum's relay_domains is a "
                        + "global option); write Local_Domains to say so",
                "test.conf:5:25: Relay_Domains in Peer is read as Local_Domains (Momentum's Relay_Domains is a "
                        + "global option); write Local_Domains to say so"), configuration.notices());
        assertEquals(List.of("test.conf:1:40: Local_Domains is set twice in this scope (first at test.conf:1:18)"),
                errors("ESMTP_Listener { Local_Domains = ( a ) Relay_Domains = ( b ) Listen \":25\" { } }"));
    }

    @Test
    void a2xEntryWithoutContinueThatABroaderBlockNowJoinsIsANoticeNamingBothLines() throws Exception {
        Configuration configuration = conf("""
                Esmtp_Listener = (
                  *:25 [
                    10.1.2.3/32 = ( personality [ idle_time = 30 ] )
                    10.0.0.0/8  = ( personality [ idle_time = 60 max_message_size = 1000 ] context [ a = b ] )
                    10.9.0.0/16 = ( personality [ idle_time = 90 ] continue )
                    0.0.0.0/0   = ( personality [ idle_time = 300 banner_hostname = mx.example ] )
                    192.0.2.0/24 = ( personality [ idle_time = 5 ] )
                  ]
                )
                """);
        List<String> joined = configuration.notices().stream().filter(n -> n.contains("has no continue")).toList();
        assertEquals(List.of(
                "test.conf:3:5: the 2.x ACL entry 10.1.2.3/32 has no continue, so Momentum 2.x gave its clients "
                        + "nothing of the broader 10.0.0.0/8 at test.conf:4:5; here Peers fall back as in Momentum 4, "
                        + "so they also get max_message_size, Context from it: set those in 10.1.2.3/32 too to keep "
                        + "the 2.x values",
                "test.conf:3:5: the 2.x ACL entry 10.1.2.3/32 has no continue, so Momentum 2.x gave its clients "
                        + "nothing of the broader 0.0.0.0/0 at test.conf:6:5; here Peers fall back as in Momentum 4, "
                        + "so they also get banner_hostname from it: set those in 10.1.2.3/32 too to keep the 2.x "
                        + "values",
                "test.conf:4:5: the 2.x ACL entry 10.0.0.0/8 has no continue, so Momentum 2.x gave its clients "
                        + "nothing of the broader 0.0.0.0/0 at test.conf:6:5; here Peers fall back as in Momentum 4, "
                        + "so they also get banner_hostname from it: set those in 10.0.0.0/8 too to keep the 2.x "
                        + "values"),
                joined);
        // 10.1.2.3/32 sets idle_time itself, 10.9.0.0/16 says continue, 192.0.2.0/24 has nothing broader after it;
        // and the Momentum 4 reading stays: the narrow Peer still falls back
        assertEquals(5, Load.onlySocket(configuration).listen().peers().size());
    }

    @Test
    void syntaxAndSemanticProblemsOfOneFileComeOutTogether() {
        ConfException e = assertThrows(ConfException.class, () -> ConfLoader.load("""
                Esmtp_Listener = (
                  *:25,x [ 10.0.0.0/8 = ( contineu personality [ max_mesage_size = 10 ] ) ]
                  localhost:26
                )
                ECStream_Listener { Listen ":1825" { Listen_Backlog = soon } }
                Max_Mesage_Size = 10
                """, Path.of("test.conf")));
        assertEquals(List.of(
                "test.conf:2:8: expected the backlog as a number after \",\", as in *:587,200~20, got \"x\"",
                "test.conf:2:27: expected an ACL property (continue, personality, relay_for_sending_domains, context, "
                        + "TLS, CRAM-MD5, DIGEST-MD5, LOGIN, ALWAYS-ALLOW, XCLIENT, XREMOTEIP, XDUMPCONTEXT, "
                        + "ENHANCEDSTATUSCODES or STARTTLS), got \"contineu\": did you mean continue?",
                "test.conf:3:3: \"localhost:26\" is not a listen address: host names are not accepted, as a listener "
                        + "binds a local address: write 127.0.0.1:26 or [::1]:26",
                "test.conf:2:50: unknown option \"max_mesage_size\": did you mean Max_Message_Size?",
                "test.conf:5:55: Listen_Backlog: \"soon\" is not a whole number (write a whole number, 1 to 65535)",
                "test.conf:6:1: unknown option \"Max_Mesage_Size\": did you mean Max_Message_Size?"),
                e.errors().stream().map(ConfError::toString).toList()); // localhost:26 once, though both check it
    }

    @Test
    void aListenOrPeerOutsideAListenerIsAnError() {
        assertEquals(List.of("test.conf:1:1: a Peer scope belongs inside a listener, as in ESMTP_Listener { Peer "
                        + "\"...\" { } }; at the top level it applies to nothing",
                        "test.conf:2:1: a Listen scope belongs inside a listener, as in ESMTP_Listener { Listen "
                                + "\"...\" { } }; at the top level it applies to nothing"),
                errors("Peer \"10.0.0.0/8\" { Idle_Time = 5 }\nlisten \":25\" { }"));
    }

    @Test
    void ignoredAndMappedOptionsAreNoticesEachSaidOnce() throws Exception {
        // (a planned option's notice: OptionDefTest; no option is planned today)
        Configuration configuration = conf("""
                ESMTP_Listener {
                  Pool_Name = accept
                  Concurrency = 4
                  Listen ":25" { Pool_Name = other  Accept_Queue_Backlog = 10 }
                  Listen ":26" { Accept_Queue_Backlog = 20  Idle_Time = 30 }
                }
                """);
        assertEquals(List.of(
                "Pool_Name is ignored: threads come from the container's JCA WorkManager (give the adapter its own "
                        + "pool there); Concurrency sizes the event loops",
                "Concurrency is honoured as event-loop threads of the socket, taken from the JCA WorkManager "
                        + "(Momentum: accept threads of the Pool_Name pool)",
                "Accept_Queue_Backlog is ignored: Netty hands an accepted connection straight to an event loop: "
                        + "there is no such queue (Listen_Backlog sizes the kernel's)"),
                configuration.notices());
    }

    @Test
    void valuesAreTypedAndNamesFoundWhateverTheirCaseOrAlias() throws Exception {
        Socket socket = Load.onlySocket(conf("""
                esmtp_listener {
                  MESSAGE_SIZE = 10485760
                  Listen "127.0.0.1:2525" {
                    enable = "false"
                    relay_hosts = ( "127.0.0.0/8" "::1" )
                    banner_hostname = "mx.example.com"
                  }
                }
                """));
        assertEquals(ScopeKind.ESMTP_LISTENER, socket.listener().kind());
        Setting size = socket.listener().options().get(option("Max_Message_Size")).orElseThrow();
        assertEquals(10485760L, size.value());
        assertEquals(new Position(Load.FILE, 2, 3), size.position());
        assertEquals(false, socket.listen().options().get(option("Enable")).orElseThrow().value());
        assertEquals(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")),
                socket.listen().options().get(option("Relay_Hosts")).orElseThrow().value());
        assertEquals("( \"127.0.0.0/8\" \"::1/128\" )",
                socket.listen().options().get(option("Relay_Hosts")).orElseThrow().text());
        assertEquals(ListenAddress.parse("127.0.0.1:2525"), socket.listen().address());
        assertEquals(new Position(Load.FILE, 3, 3), socket.listen().position());
    }

    @Test
    void socketsComeInTheOrderWritten() throws Exception {
        Configuration configuration = conf("""
                Control_Listener { Listen "/tmp/2025" { } }
                ESMTP_Listener { Listen ":25" { } Listen ":587" { } }
                ECStream_Listener = ( *:1825 )
                """);
        assertEquals(List.of("Control_Listener /tmp/2025", "ESMTP_Listener *:25", "ESMTP_Listener *:587",
                "ECStream_Listener *:1825"), configuration.sockets().stream().map(Socket::name).toList());
        assertEquals(List.of(), configuration.notices());
    }

    @Test
    void peersReadBackFromConfText() throws Exception {
        List<PeerScope> peers = ConfLoader.peers("Peer \"10.0.0.0/8\" { Idle_Time = 30 } Peer \"::1\" { "
                + "Max_Message_Size = 1000 }", ScopeKind.ESMTP_LISTENER, "listenPeers");
        assertEquals(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("::1")), peers.stream().map(PeerScope::block)
                .toList());
        assertEquals(Optional.of(30L), peers.get(0).options().get(option("Idle_Time")).map(Setting::value));
        assertEquals("listenPeers", peers.get(1).position().file());

        ConfException e = assertThrows(ConfException.class, () -> ConfLoader.peers("Idle_Time = 5 Peer \"1.2.3.4\" "
                + "{ Listen_Backlog = 5 }", ScopeKind.ESMTP_LISTENER, "listenPeers"));
        assertEquals("listenPeers:1:1: expected Peer scopes only, got Idle_Time\n"
                + "listenPeers:1:32: Listen_Backlog is not valid in a Peer scope (valid in: ESMTP_Listener, Listen)",
                e.getMessage());
    }

    @Test
    void loadsAFileFromDisk(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("ecelerity.conf");
        Files.writeString(file, "include \"listeners.conf\"\n");
        Files.writeString(dir.resolve("listeners.conf"), "ESMTP_Listener {\n  Listen \":25\" { Idle_Tme = 5 }\n}\n");
        ConfException e = assertThrows(ConfException.class, () -> ConfLoader.load(file));
        assertEquals(dir.resolve("listeners.conf") + ":2:18: unknown option \"Idle_Tme\": did you mean Idle_Time?",
                e.getMessage());
    }

    @Test
    void theDefaultConfLoadsWithItsLoopbackListeners() throws Exception {
        Configuration configuration = ConfLoader.load(Path.of("ecelerity.conf"));
        assertEquals(List.of("ESMTP_Listener 127.0.0.1:2525", "ECStream_Listener 127.0.0.1:1825",
                        "QMQP_Listener 127.0.0.1:6280", "Control_Listener /tmp/2025", "HTTP_Listener 127.0.0.1:2081"),
                configuration.sockets().stream().map(Socket::name).toList());
        assertTrue(configuration.sockets().stream().allMatch(Socket::enabled));
        assertTrue(configuration.sockets().stream().allMatch(s -> s.listen().address().isLoopback()));
        assertEquals(List.of(), configuration.notices());
    }
}
