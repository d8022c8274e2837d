package org.mtalistener.conf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtalistener.conf.model.Load.conf;
import static org.mtalistener.conf.model.Load.errors;
import static org.mtalistener.conf.model.Load.onlySocket;
import static org.mtalistener.conf.model.Load.option;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mtalistener.conf.options.OptionDef;
import org.mtalistener.conf.values.Cidr;
import org.mtalistener.conf.values.IpLiteral;

/** The fallback chain of one connection: Listen::Peer → Listen → Listener::Peer → Listener → global → default. */
class SocketTest {

    /** An option valid in every link of the chain, with a default: Momentum's 0 (no limit). */
    private static final OptionDef<Long> RECEPTIONS = option("Max_Receptions_Per_Connection");

    /**
     * The value each link sets when the row names it: listen peer 1, listen 2, listener peer 3, listener 4, global
     * 5. The first link named in chain order must win, whatever the others say.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            listenPeer listen listenerPeer listener global | 1 | Listen "*:25" Peer "10.0.0.0/8" (test.conf:5:72)
            listen listenerPeer listener global            | 2 | Listen "*:25" (test.conf:5:18)
            listenPeer listener                            | 1 | Listen "*:25" Peer "10.0.0.0/8" (test.conf:5:38)
            listenerPeer listener global                   | 3 | ESMTP_Listener Peer "10.0.0.0/8" (test.conf:4:23)
            listenerPeer global                            | 3 | ESMTP_Listener Peer "10.0.0.0/8" (test.conf:4:23)
            listener global                                | 4 | ESMTP_Listener (test.conf:3:3)
            global                                         | 5 | global (test.conf:1:1)
            none                                           | 0 | default
            """)
    void eachLinkOfTheChainWinsOverTheNext(String written, long expected, String source) throws Exception {
        Set<String> links = Set.of(written.split(" "));
        Socket socket = onlySocket(conf(chain(links)));
        Socket.Resolved<Long> resolved = socket.resolve(RECEPTIONS, address("10.0.0.1"));
        assertEquals(Optional.of(expected), resolved.value());
        assertEquals(source, resolved.source());
    }

    /** The conf for {@link #eachLinkOfTheChainWinsOverTheNext}: every scope on its own line, always in place. */
    private static String chain(Set<String> links) {
        return (links.contains("global") ? "Max_Receptions_Per_Connection = 5\n" : "Require_EHLO = false\n")
                + "ESMTP_Listener {\n"
                + (links.contains("listener") ? "  Max_Receptions_Per_Connection = 4\n" : "  Idle_Time = 60\n")
                + "  Peer \"10.0.0.0/8\" { " + (links.contains("listenerPeer") ? "Max_Receptions_Per_Connection = 3"
                : "") + " }\n"
                + "  Listen \":25\" { " + (links.contains("listen") ? "Max_Receptions_Per_Connection = 2 " : "")
                + "Peer \"10.0.0.0/8\" { " + (links.contains("listenPeer") ? "Max_Receptions_Per_Connection = 1"
                : "") + " } }\n"
                + "}\n";
    }

    @Test
    void aClientOutsideEveryPeerAndNoClientAtAllSkipThePeers() throws Exception {
        Socket socket = onlySocket(conf(chain(Set.of("listenPeer", "listenerPeer", "listener"))));
        assertEquals(Optional.of(4L), socket.resolve(RECEPTIONS, address("192.0.2.1")).value());
        assertEquals(Optional.of(4L), socket.resolve(RECEPTIONS, null).value());
        assertEquals(Optional.of(1L), socket.resolve(RECEPTIONS, address("10.255.0.1")).value());
    }

    @Test
    void theMostSpecificMatchingPeerComesFirstAndTheOthersFillIn() throws Exception {
        // written broadest first, as 2.x ACLs often are; the order written does not matter
        Socket socket = onlySocket(conf("""
                ESMTP_Listener {
                  Listen ":25" {
                    Peer "0.0.0.0/0" { Idle_Time = 1  Max_Message_Size = 1  Banner_Hostname = "all.example" }
                    Peer "10.0.0.0/24" { Idle_Time = 24 }
                    Peer "10.0.0.0/8" { Idle_Time = 8  Max_Message_Size = 8 }
                    Peer "10.0.0.5" { Received_Hostname = "five.example" }
                  }
                }
                """));
        InetAddress client = address("10.0.0.5");
        assertEquals(Optional.of("five.example"), socket.resolve(option("Received_Hostname"), client).value());
        assertEquals(Optional.of(24L), socket.resolve(option("Idle_Time"), client).value());
        assertEquals(Optional.of(8L), socket.resolve(option("Max_Message_Size"), client).value());
        assertEquals(Optional.of("all.example"), socket.resolve(option("Banner_Hostname"), client).value());
        assertEquals(List.of("10.0.0.5/32", "10.0.0.0/24", "10.0.0.0/8", "0.0.0.0/0"),
                Socket.matching(socket.listenPeers(), client).stream().map(p -> p.block().toString()).toList());

        InetAddress other = address("10.9.0.1");
        assertEquals(Optional.of(8L), socket.resolve(option("Idle_Time"), other).value());
        assertEquals(Optional.empty(), socket.resolve(option("Received_Hostname"), other).value());
        assertEquals(Optional.of(1L), socket.resolve(option("Idle_Time"), address("192.0.2.1")).value());
    }

    @Test
    void anIpv4MappedClientMatchesIpv4BlocksAndNoIpv6Block() throws Exception {
        Socket socket = onlySocket(conf("""
                ESMTP_Listener {
                  Listen "[*]:25" {
                    Peer "::/0" { Idle_Time = 6 }
                    Peer "10.0.0.0/8" { Idle_Time = 4 }
                    Peer "::ffff:192.0.2.0/120" { Idle_Time = 192 }
                  }
                }
                """));
        InetAddress mapped = Inet6Address.getByAddress(null, IpLiteral.parse("::ffff:10.1.2.3").toBytes(), -1);
        assertTrue(mapped instanceof Inet6Address);
        assertEquals(Optional.of(4L), socket.resolve(option("Idle_Time"), mapped).value());
        // a block written in the mapped range is the IPv4 block it stands for
        assertEquals(Optional.of(192L), socket.resolve(option("Idle_Time"), address("192.0.2.9")).value());
        assertEquals("Listen \"[::]:25\" Peer \"192.0.2.0/24\" (test.conf:5:35)",
                socket.resolve(option("Idle_Time"), address("192.0.2.9")).source());
        assertEquals(Optional.of(6L), socket.resolve(option("Idle_Time"), address("2001:db8::1")).value());
        // ::/0 holds no IPv4 client, mapped or not: the default applies
        assertEquals(Optional.of(300L), socket.resolve(option("Idle_Time"), address("198.51.100.1")).value());
    }

    @Test
    void enableFallsBackLikeAnyOptionAndDefaultsToTrue() throws Exception {
        Configuration configuration = conf("""
                ESMTP_Listener {
                  Enable = false
                  Listen ":25" { }
                  Listen ":26" { Enable = true }
                }
                ECStream_Listener {
                  Listen ":1825" { }
                  Listen ":1826" { Enable = "off" }
                }
                """);
        assertEquals(List.of(false, true, true, false),
                configuration.sockets().stream().map(Socket::enabled).toList());
        // Enable is about sockets: a Peer cannot disable one for some clients, nor can the global scope
        assertEquals(List.of("test.conf:1:46: Enable is not valid in a Peer scope (valid in: ESMTP_Listener, "
                        + "Listen)", "test.conf:2:1: Enable is not valid in the global scope (valid in: "
                        + "ESMTP_Listener, ECStream_Listener, Control_Listener, QMQP_Listener, HTTP_Listener, "
                        + "XMPP_Listener, ECCluster_Listener, msgcserver_listener, Listen)"),
                errors("ESMTP_Listener { Listen \":25\" { Peer \"::1\" { Enable = false } } }\nEnable = false"));
    }

    @Test
    void theListenersPeersBelowTheListenLoseWhatTheListenSets() throws Exception {
        Socket socket = onlySocket(conf("""
                ESMTP_Listener {
                  Peer "10.0.0.0/8" { Idle_Time = 8  Max_Message_Size = 8 }
                  Peer "192.0.2.0/24" { Idle_Time = 24 }
                  Listen ":25" { Idle_Time = 60 }
                }
                """));
        List<PeerScope> below = socket.listenerPeersBelowListen();
        assertEquals(1, below.size(), "192.0.2.0/24 set nothing the Listen does not");
        assertEquals(Cidr.parse("10.0.0.0/8"), below.get(0).block());
        assertEquals(List.of("Max_Message_Size"),
                below.get(0).options().all().stream().map(s -> s.option().name()).toList());
        // which is what resolve says: the Listen's 60 beats the listener's Peers, their other options still apply
        assertEquals(Optional.of(60L), socket.resolve(option("Idle_Time"), address("10.0.0.1")).value());
        assertEquals(Optional.of(8L), socket.resolve(option("Max_Message_Size"), address("10.0.0.1")).value());
    }

    @Test
    void namesTheSocketByListenerAndAddress() throws Exception {
        assertEquals(List.of("ESMTP_Listener [2001:db8::1]:25", "ESMTP_Listener *:587"),
                conf("Esmtp_Listener = ( [2001:DB8:0::1]:25 :587 )").sockets().stream().map(Socket::name).toList());
    }

    static InetAddress address(String literal) throws UnknownHostException {
        return InetAddress.getByAddress(IpLiteral.parse(literal).toBytes());
    }
}
