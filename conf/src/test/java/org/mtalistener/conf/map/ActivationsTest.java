package org.mtalistener.conf.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.mtalistener.conf.model.ConfLoader;
import org.mtalistener.conf.model.Configuration;
import org.mtalistener.conf.model.PeerScope;
import org.mtalistener.conf.model.Setting;
import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.options.OptionRegistry;
import org.mtalistener.conf.options.ScopeKind;

class ActivationsTest {

    private static final String CONF = """
            ESMTP_Listener {
              Idle_Time = 120
              Max_Message_Size = 10485760
              Pool_Name = accept
              Peer "10.0.0.0/8" { Idle_Time = 30  Max_Message_Size = 1000  Banner_Hostname = "peer.example" }
              Peer "192.0.2.0/24" { Idle_Time = 15 }
              Peer "198.51.100.0/24" { Click_Tracking_Enabled = true }
              Listen "127.0.0.1:2525" {
                Idle_Time = 60
                Listen_Backlog = 50
                Peer "127.0.0.2" { Max_Message_Size = 2000  Pathway = "ACME & Co" }
                Peer "2001:DB8::/32" { Received_Hostname = "v6.example" }
              }
            }
            """;

    @Test
    void thePropertiesOfAListenAreExactlyItsResolvedHonouredOptionsAndItsPeers() throws Exception {
        Activations.Activation activation = Mapped.only(CONF);
        assertEquals("InboundMail-ESMTP_Listener-127.0.0.1-2525", activation.ejbName());

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("listenerType", "ESMTP_Listener");
        expected.put("listen", "127.0.0.1:2525");
        // the values written, resolved without a client: the Listen's over the listener's
        Map<String, String> written = Map.of("idleTime", "60", "listenBacklog", "50", "maxMessageSize", "10485760");
        // then every other honoured option at its default (Enable is not a property: a disabled Listen has no MDB)
        for (OptionDef<?> option : OptionRegistry.standard().all()) {
            if (option.support().isHonoured() && option.validIn(ScopeKind.LISTEN, ScopeKind.ESMTP_LISTENER)
                    && !option.name().equals("Enable")) {
                // a descriptor gives a scalar without the conf file's quotes
                String value = written.getOrDefault(option.propertyName(), option.defaultText()
                        .map(text -> text.startsWith("\"") ? text.substring(1, text.length() - 1) : text)
                        .orElse(null));
                if (value != null) {
                    expected.put(option.propertyName(), value);
                }
            }
        }
        // the Listen's Peers with their honoured options (Pathway is ignored: not written)
        expected.put("listenPeers", "Peer \"127.0.0.2/32\" { Max_Message_Size = 2000 } "
                + "Peer \"2001:db8::/32\" { Received_Hostname = v6.example }");
        // the listener's Peers without Idle_Time, which the Listen sets; 192.0.2.0/24 had nothing else, and
        // 198.51.100.0/24 nothing honoured
        expected.put("listenerPeers", "Peer \"10.0.0.0/8\" { Max_Message_Size = 1000 Banner_Hostname = peer.example }");
        // and the file it came from, absolute, for the console's config reload
        expected.put("confFile", Path.of("test.conf").toAbsolutePath().toString());

        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(activation.properties().entrySet()));
        assertEquals("60", activation.properties().get("idleTime"));
        assertFalse(activation.properties().containsKey("poolName"), "an ignored option is no property");
        assertFalse(activation.properties().containsKey("enable"));
    }

    @Test
    void noPeerListsWhenThereIsNothingHonouredInThem() throws Exception {
        Map<String, String> properties = Mapped.only("""
                ESMTP_Listener {
                  Peer "10.0.0.0/8" { Idle_Time = 5 }
                  Listen ":25" { Idle_Time = 1  Peer "::1" { Pathway = inbound } }
                }
                """).properties();
        assertFalse(properties.containsKey(Activations.LISTEN_PEERS), properties.toString());
        assertFalse(properties.containsKey(Activations.LISTENER_PEERS), properties.toString());
        assertEquals("1", properties.get("idleTime"));
    }

    @Test
    void aDisabledListenIsSkippedWithTheReasonAndTheConsoleGoesToItsOwnClass() throws Exception {
        List<String> skipped = new ArrayList<>();
        List<Activations.Activation> activations = Activations.of(Mapped.conf("""
                Control_Listener { Listen "/tmp/2025" { } Listen "/tmp/2026" { Enable = false } }
                Esmtp_Listener = ( *:25 *:26 <status="disabled"> )
                ECStream_Listener = ( *:1825 )
                """), "InboundMail", "com.example.Console", skipped);
        assertEquals(List.of("Console-Control_Listener-tmp-2025", "InboundMail-ESMTP_Listener-25",
                        "InboundMail-ECStream_Listener-1825"),
                activations.stream().map(Activations.Activation::ejbName).toList());
        assertEquals(List.of("com.example.Console", "InboundMail", "InboundMail"),
                activations.stream().map(Activations.Activation::ejbClass).toList());
        assertEquals(List.of(Activations.CONTROL_LISTENER, Activations.MAIL_LISTENER, Activations.MAIL_LISTENER),
                activations.stream().map(Activations.Activation::messagingType).toList());
        assertEquals(List.of("Control_Listener /tmp/2026: Enable = false, no MDB written",
                "ESMTP_Listener *:26: Enable = false, no MDB written"), skipped);
    }

    @Test
    void aQmqpListenGoesToTheMailMdbWithItsOwnOptionsAndWhoMayInject() throws Exception {
        Activations.Activation activation = Mapped.only("""
                QMQP_Listener {
                  Listen "127.0.0.1:6280" { Max_Message_Size = 1000 }
                  Peer "10.1.0.0/16" { QMQP_Authorized = true }
                }
                """);
        assertEquals("InboundMail-QMQP_Listener-127.0.0.1-6280", activation.ejbName());
        assertEquals(Activations.MAIL_LISTENER, activation.messagingType());
        Map<String, String> properties = activation.properties();
        assertEquals("QMQP_Listener", properties.get("listenerType"));
        assertEquals("1000", properties.get("maxMessageSize"));
        assertEquals("300", properties.get("idleTime"));
        assertEquals("Peer \"10.1.0.0/16\" { QMQP_Authorized = true }", properties.get(Activations.LISTENER_PEERS));
        // options of other listeners are not written
        assertFalse(properties.containsKey("ecstreamIdleTime"), properties.toString());
        assertFalse(properties.containsKey("relayHosts"), properties.toString());
    }

    @Test
    void aControlListenerWithoutAConsoleClassSaysWhatToPass() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activations.of(
                Mapped.conf("ESMTP_Listener { Listen \":25\" { } }\nControl_Listener { Listen \"/tmp/2025\" { } }"),
                Mapped.MDB, new ArrayList<>()));
        assertEquals("test.conf has a Control_Listener (Control_Listener /tmp/2025 at test.conf:2:20): pass "
                + "--control-class CLASS, the console's MDB class, which implements org.mtalistener.api.ControlListener "
                + "(return null from onCommand to add no commands)", e.getMessage());
        // a disabled one needs none
        assertEquals(1, Activations.of(Mapped.conf("ESMTP_Listener { Listen \":25\" { } }\nControl_Listener { "
                + "Enable = false Listen \"/tmp/2025\" { } }"), Mapped.MDB, new ArrayList<>()).size());
    }

    @Test
    void aConsoleActivationCarriesItsOptionsAndTheRolesAsConfText() throws Exception {
        Configuration configuration = Mapped.conf("""
                Authorization {
                  Role "root"  { allow = ( ".*" ) }
                  Role "admin" { allow = ( "^config" "^summary$" ) }
                }
                Control_Listener {
                  Timeout = 30
                  Enable_Authorization = true
                  AuthorizationParameters = [ uri = "groups:///etc/console_roles" ]
                  Listen "127.0.0.1:2025" {
                    AuthDigestMD5Parameters = [ uri = "digest:///etc/console_passwd" ]
                    Peer "127.0.0.1" { Always_Allow = true }
                  }
                }
                ESMTP_Listener { Listen ":25" { } }
                """);
        List<Activations.Activation> activations = Activations.of(configuration, Mapped.MDB, "a.Console",
                new ArrayList<>());
        Map<String, String> console = activations.get(0).properties();
        assertEquals("Control_Listener", console.get("listenerType"));
        assertEquals("127.0.0.1:2025", console.get("listen"));
        assertEquals("30", console.get("timeout"), "a listener-only option reaches each Listen");
        assertEquals("true", console.get("enableAuthorization"));
        assertEquals("[ uri = \"groups:///etc/console_roles\" ]", console.get("authorizationParameters"));
        assertEquals("[ uri = \"digest:///etc/console_passwd\" ]", console.get("authDigestMD5Parameters"));
        assertEquals("Peer \"127.0.0.1/32\" { Always_Allow = true }", console.get(Activations.LISTEN_PEERS));
        assertEquals("Role \"root\" { allow = ( \".*\" ) } Role \"admin\" { allow = ( \"^config\" \"^summary$\" ) }",
                console.get(Activations.AUTHORIZATION_ROLES));
        assertFalse(console.containsKey("maxMessageSize"), "an ESMTP option is no console property");
        Map<String, String> mail = activations.get(1).properties();
        assertFalse(mail.containsKey(Activations.AUTHORIZATION_ROLES), "the roles are the console's");
        assertFalse(mail.containsKey("timeout"));
        // no Authorization scope, no property
        assertFalse(Activations.of(Mapped.conf("Control_Listener { Listen \"/tmp/2025\" { } }"), Mapped.MDB,
                "a.Console", new ArrayList<>()).get(0).properties().containsKey(Activations.AUTHORIZATION_ROLES));
    }

    @Test
    void aListenerDisabledAsAWholeWritesNoMdbUnlessAListenEnablesItself() throws Exception {
        List<String> skipped = new ArrayList<>();
        List<Activations.Activation> activations = Activations.of(Mapped.conf(
                "ESMTP_Listener { Enable = false  Listen \":25\" { }  Listen \":26\" { Enable = true } }"),
                Mapped.MDB, skipped);
        assertEquals(List.of("*:26"), activations.stream().map(a -> a.properties().get("listen")).toList());
        assertEquals(List.of("ESMTP_Listener *:25: Enable = false, no MDB written"), skipped);
    }

    @Test
    void everyActivationHasAnEjbNameOfItsOwnEvenWhenTheAddressesLookAlike() throws Exception {
        // *:25 and [::]:25 both come out as "25", [1::2]:25 and [1:2::]:25 both as "1-2-25"
        List<String> names = Mapped.activations("""
                ESMTP_Listener {
                  Listen "*:25" { }
                  Listen "[*]:25" { }
                  Listen "[1::2]:25" { }
                  Listen "[1:2::]:25" { }
                  Listen "/run/mta/smtp.sock" { }
                }
                """).stream().map(Activations.Activation::ejbName).toList();
        assertEquals(List.of("InboundMail-ESMTP_Listener-25", "InboundMail-ESMTP_Listener-25-2",
                "InboundMail-ESMTP_Listener-1-2-25", "InboundMail-ESMTP_Listener-1-2-25-2",
                "InboundMail-ESMTP_Listener-run-mta-smtp.sock"), names);
    }

    @Test
    void a2xProtoBothIsTwoActivationsOneIpv4OneIpv6WithTheSameOptions() throws Exception {
        List<Activations.Activation> activations = Mapped.activations(
                "Esmtp_Listener = ( *:587,200 <proto=both> [ 10.0.0.0/8 = ( personality [ idle_time = 30 ] ) ] )");
        assertEquals(List.of("*:587", "[::]:587"),
                activations.stream().map(a -> a.properties().get("listen")).toList());
        assertEquals(activations.get(0).properties().get("listenBacklog"),
                activations.get(1).properties().get("listenBacklog"));
        assertEquals("200", activations.get(1).properties().get("listenBacklog"));
        assertEquals(activations.get(0).properties().get("listenPeers"), activations.get(1).properties().get("listenPeers"));
        assertTrue(activations.get(1).properties().get("listenPeers").contains("10.0.0.0/8"));
    }

    @Test
    void theMdbsSimpleNameStartsTheEjbName() throws Exception {
        List<Activations.Activation> activations = Activations.of(Mapped.conf(
                "ESMTP_Listener { Listen \"[::1]:2525\" { } }"), "Mdb", new ArrayList<>());
        assertEquals("Mdb-ESMTP_Listener-1-2525", activations.get(0).ejbName());
        assertEquals("[::1]:2525", activations.get(0).properties().get("listen"));
    }

    /** The Peer text of a descriptor reads back, through the loader, to the Peers and values it was written from. */
    @Property(tries = 200)
    void peerTextReadsBackToThePeersItWasWrittenFrom(@ForAll("peers") List<String> peers) throws Exception {
        String conf = "ESMTP_Listener { Listen \":25\" { " + String.join(" ", peers) + " } }";
        List<PeerScope> written = Mapped.conf(conf).sockets().get(0).listenPeers();
        String text = Activations.peers(written).orElse("");
        List<PeerScope> read = text.isEmpty() ? List.of()
                : ConfLoader.peers(text, ScopeKind.ESMTP_LISTENER, Activations.LISTEN_PEERS);
        assertEquals(honoured(written), honoured(read), text);
    }

    /** Each Peer with honoured options as block → option → value; those without any are left out, as in the text. */
    private static List<Map<String, Object>> honoured(List<PeerScope> peers) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (PeerScope peer : peers) {
            Map<String, Object> options = new LinkedHashMap<>();
            for (Setting setting : peer.options().all()) {
                if (setting.option().support().isHonoured()) {
                    options.put(setting.option().name(), setting.value());
                }
            }
            if (!options.isEmpty()) {
                options.put("block", peer.block());
                result.add(options);
            }
        }
        return result;
    }

    @Provide
    Arbitrary<List<String>> peers() {
        Arbitrary<String> option = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 1L << 40).map(n -> "Max_Message_Size = " + n),
                Arbitraries.integers().between(0, 100000).map(n -> "idle_time = " + n),
                Arbitraries.of("mx.example.com", "[192.0.2.1]", "[IPv6:2001:db8::1]", "a-b.example", "localhost")
                        .map(h -> "Banner_Hostname = \"" + h + "\""),
                Arbitraries.of("Received_Hostname = x.example", "Max_Recipients_Per_Message = 0",
                        "Open_Relay = true", "Context = [ a = \"b c\" ]", "Continue = true",
                        "Relay_Hosts = ( \"10.0.0.0/8\" )"));
        Arbitrary<String> body = option.list().ofMaxSize(4).uniqueElements(o -> o.substring(0, 8).toLowerCase())
                .map(options -> String.join(" ", options));
        Arbitrary<List<String>> blocks = Arbitraries.subsetOf("0.0.0.0/0", "10.0.0.0/8", "10.0.0.1", "::1",
                "2001:DB8::/32", "[::ffff:192.0.2.0]/120", "fe80::/10").map(List::copyOf);
        return blocks.flatMap(list -> body.list().ofSize(list.size()).map(bodies -> {
            List<String> peers = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                peers.add("Peer \"" + list.get(i) + "\" { " + bodies.get(i) + " }");
            }
            return peers;
        }));
    }
}
