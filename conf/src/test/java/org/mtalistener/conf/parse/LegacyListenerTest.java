package org.mtalistener.conf.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mtalistener.conf.parse.Conf.at;
import static org.mtalistener.conf.parse.Conf.error;
import static org.mtalistener.conf.parse.Conf.parse;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Momentum 2.x listener lists, translated into the Momentum 4 scopes they stand for. */
class LegacyListenerTest {

    private static final String ACL_PROPERTIES = "continue, personality, relay_for_sending_domains, context, TLS, "
            + "CRAM-MD5, DIGEST-MD5, LOGIN, ALWAYS-ALLOW, XCLIENT, XREMOTEIP, XDUMPCONTEXT, ENHANCEDSTATUSCODES or "
            + "STARTTLS";

    @Test
    void theBriefsExampleEqualsItsMomentum4Form() throws ConfException {
        ConfFile legacy = parse("""
                Esmtp_Listener = ( *:25 [ 0.0.0.0/0 = ( personality [ idle_time = 300 ] continue )
                  10.1.2.4/32 = ( relay_for_sending_domains [ client1.com = true ] context [ client = "ACME Inc." ] ) ]
                  *:587,200~20 <proto=ipv4> <status="disabled"> )
                """);
        assertEquals(parse("""
                ESMTP_Listener {
                  Listen "*:25" {
                    Peer "0.0.0.0/0" { Idle_Time = 300  Continue = true }
                    Peer "10.1.2.4/32" {
                      Relay_For_Sending_Domains = ( "client1.com" )
                      Context = [ client = "ACME Inc." ]
                    }
                  }
                  Listen "*:587" {
                    Listen_Backlog = 200
                    Concurrency = 20
                    Enable = false
                  }
                }
                """), legacy);
    }

    @Test
    void translatedNodesPointAtThe2xTextTheyCameFrom() throws ConfException {
        ConfFile file = parse("""
                Esmtp_Listener = (
                  *:25 [
                    10.0.0.0/8 = ( personality [ idle_time = 300 ] XCLIENT continue )
                  ]
                  *:587,200~20 <status="disabled">
                )
                """);
        Scope listener = file.scopes("Esmtp_Listener").get(0);
        assertEquals(at(1, 1), listener.position());
        Scope first = listener.scopes("Listen").get(0);
        assertEquals(at(2, 3), first.position());
        Scope peer = first.scopes("Peer").get(0);
        assertEquals(at(3, 5), peer.position());
        assertEquals(at(3, 34), peer.options("idle_time").get(0).position());
        assertEquals(at(3, 46), peer.options("idle_time").get(0).value().position());
        assertEquals(at(3, 52), peer.options("SMTP_Extensions").get(0).position());
        assertEquals(at(3, 60), peer.options("Continue").get(0).position());
        Scope second = listener.scopes("Listen").get(1);
        assertEquals("*:587", second.instance());
        assertEquals(at(5, 3), second.position());
        assertEquals(at(5, 9), second.options("Listen_Backlog").get(0).position());
        assertEquals(at(5, 13), second.options("Concurrency").get(0).position());
        assertEquals(at(5, 17), second.options("Enable").get(0).position());
    }

    @Test
    void attributesAndTheAclBelongToTheAddressTheyFollow() throws ConfException {
        assertEquals(parse("""
                Esmtp_Listener {
                  Listen "*:25" { Peer "0.0.0.0/0" {} }
                  Listen "*:587" { Enable = false }
                  Listen "/tmp/2025" {}
                }
                """), parse("Esmtp_Listener = ( *:25 [ 0.0.0.0/0 = ( ) ] <proto=ipv4> *:587 <status=disabled> /tmp/2025 )"));
    }

    @Test
    void protoChoosesTheFamiliesAWildcardBinds() throws ConfException {
        // seed 004: "port 25 on any address of IPv4, and on port 587 on any IPv6 address"; both is one of each
        assertEquals(parse("""
                Esmtp_Listener {
                  Listen "*:25" { }
                  Listen "[*]:587" { }
                  Listen ":2525" { Listen_Backlog = 5  Enable = false  Peer "::/0" { Idle_Time = 30 } }
                  Listen "[*]:2525" { Listen_Backlog = 5  Enable = false  Peer "::/0" { Idle_Time = 30 } }
                  Listen "[*]:465" { }
                  Listen "*:465" { }
                  Listen "*:26" { }
                  Listen "127.0.0.1:27" { }
                }
                """), parse("""
                Esmtp_Listener = ( *:25 <proto=ipv4> *:587 <proto=ipv6>
                  :2525,5 <proto=both status=disabled> [ ::/0 = ( personality [ idle_time = 30 ] ) ]
                  [*]:465 <proto=both> [::]:26 <proto=ipv4> 127.0.0.1:27 <proto=ipv4> )
                """));
        Scope listener = parse("Esmtp_Listener = ( *:2525 <proto=both> )").scopes("Esmtp_Listener").get(0);
        assertEquals(List.of(at(1, 20), at(1, 20)), listener.scopes("Listen").stream().map(Scope::position).toList());
    }

    @Test
    void aBracketedIpv6AddressIsAnAddressAndABracketWithSpaceAnAcl() throws ConfException {
        assertEquals(parse("""
                Esmtp_Listener {
                  Listen "[::1]:25" { Peer "::1/128" {} }
                  Listen "[*]:25" {}
                  Listen "[2001:DB8::1]:587" { Listen_Backlog = 10 }
                }
                """), parse("Esmtp_Listener = ( [::1]:25 [ ::1/128 = () ] [*]:25 [2001:DB8::1]:587,10 )"));
        // an ACL written without a space after "[" is still an ACL: a "/" comes before any "]"
        assertEquals(parse("Esmtp_Listener { Listen \"*:25\" { Peer \"10.0.0.0/8\" {} } }"),
                parse("Esmtp_Listener = ( *:25 [10.0.0.0/8 = ( )] )"));
    }

    @Test
    void theSuffixIsSplitOffUnixPathsToo() throws ConfException {
        assertEquals(parse("""
                Control_Listener {
                  Listen "/tmp/2025" { Listen_Backlog = 200  Concurrency = 20 }
                  Listen "/var/run/~ec/sock" { Concurrency = 3 }
                  Listen "*:2025" { Concurrency = 7 }
                }
                """), parse("Control_Listener = ( /tmp/2025,200~20 /var/run/~ec/sock~3 \"*:2025~7\" )"));
    }

    @Test
    void statusEnabledIsEnableTrue() throws ConfException {
        assertEquals(parse("Esmtp_Listener { Listen \"*:25\" { Enable = true } }"),
                parse("Esmtp_Listener = ( *:25 <status=\"ENABLED\"> )"));
    }

    @Test
    void relayForSendingDomainsAloneIsAnOpenRelay() throws ConfException {
        // seed 004: "If specified with no parameters, it allows unrestricted use ... (a.k.a. open relay)"
        assertEquals(parse("Esmtp_Listener { Listen \"*:25\" { Peer \"10.1.2.3/32\" { Open_Relay = true } } }"),
                parse("Esmtp_Listener = ( *:25 [ 10.1.2.3/32 = ( relay_for_sending_domains ) ] )"));
        assertEquals(parse("""
                Esmtp_Listener { Listen "*:25" { Peer "10.1.2.4/32" {
                  Relay_For_Sending_Domains = ( a.com "*.b.com" c.com ) } } }
                """), parse("""
                Esmtp_Listener = ( *:25 [ 10.1.2.4/32 = (
                  relay_for_sending_domains [ a.com = true "*.b.com" = on c.com = 1 ] ) ] )
                """));
    }

    @Test
    void propertiesAreCaseInsensitiveAndExtensionsGatherInOneArray() throws ConfException {
        assertEquals(parse("""
                Esmtp_Listener { Listen "*:25" { Peer "0.0.0.0/0" {
                  Always_Allow = true
                  AuthLoginParameters = [ uri = "file:///etc/passwd" ]
                  Continue = true
                  SMTP_Extensions = ( XCLIENT ENHANCEDSTATUSCODES "AUTH LOGIN" STARTTLS XREMOTEIP )
                } } }
                """), parse("""
                Esmtp_Listener = ( *:25 [ 0.0.0.0/0 = (
                  always-allow Xclient enhancedstatuscodes [ extension = enhancedstatuscodes ]
                  login [ EXTENSION = auth extension_argument = login uri = "file:///etc/passwd" ]
                  STARTTLS [ ] CONTINUE XRemoteIP
                ) ] )
                """));
    }

    @Test
    void anAuthMechanismWithoutExtensionIsNotAdvertised() throws ConfException {
        // the Control_Listener example of seed 004 gives DIGEST-MD5 a uri only
        assertEquals(parse("""
                Control_Listener { Listen "*:2025" { Peer "0.0.0.0/0" {
                  AuthDigestMD5Parameters = [ uri = "digest:///x" stored_cleartext = true ] } } }
                """), parse("""
                Control_Listener = ( *:2025 [ 0.0.0.0/0 = (
                  DIGEST-MD5 [ uri = digest:///x stored_cleartext = "true" ] ) ] )
                """));
    }

    @Test
    void onlyTopLevelListenerListsAre2x() throws ConfException {
        // inside a scope, "X_Listener = ( ... )" is just an array option
        Scope scope = parse("S { Esmtp_Listener = ( *:25 ) }").scopes("S").get(0);
        assertEquals(List.of(new Option("Esmtp_Listener", new Value.Array(List.of(Conf.text("*:25")), at(1, 1)),
                at(1, 1))), scope.body());
        assertEquals(parse("Esmtp_Listener {}"), parse("Esmtp_Listener = ( )"));
    }

    static Stream<Arguments> brokenLists() {
        return Stream.of(
                Arguments.of("Esmtp_Listener = ( *:25 [ 0.0.0.0/0 = ( FOO ) ] )",
                        "test.conf:1:41: expected an ACL property (" + ACL_PROPERTIES + "), got \"FOO\""),
                Arguments.of("Esmtp_Listener = ( *:25 [ 0.0.0.0/0 = ( PLAIN [ uri = x ] ) ] )",
                        "test.conf:1:41: expected an ACL property (" + ACL_PROPERTIES + "), got \"PLAIN\""),
                Arguments.of("Esmtp_Listener = ( *:25 [ 0.0.0.0/33 = ( continue ) ] )",
                        "test.conf:1:27: \"0.0.0.0/33\" is not a CIDR block: prefix length 33 is out of range: an IPv4 "
                                + "block takes 0 to 32"),
                Arguments.of("Esmtp_Listener = ( *:25,abc~ )",
                        "test.conf:1:25: expected the backlog as a number after \",\", as in *:587,200~20, got \"abc\"\n"
                                + "test.conf:1:29: expected the concurrency as a number after \"~\", as in "
                                + "*:587,200~20, got \"\""),
                Arguments.of("Esmtp_Listener = ( \"*:25,x\" )",
                        "test.conf:1:26: expected the backlog as a number after \",\", as in *:587,200~20, got \"x\""),
                Arguments.of("Esmtp_Listener = ( localhost:25 )",
                        "test.conf:1:20: \"localhost:25\" is not a listen address: host names are not accepted, as a "
                                + "listener binds a local address: write 127.0.0.1:25 or [::1]:25"),
                Arguments.of("Esmtp_Listener = ( 127.0.0.1:25 <proto=ipv6> /tmp/s <proto=ipv4> [::1]:25 <proto=both> "
                                + "*:25 <proto=ipv7> )",
                        "test.conf:1:40: proto=ipv6 cannot apply to 127.0.0.1:25: it is an IPv4 address; use proto "
                                + "with * or leave it out\n"
                                + "test.conf:1:60: proto=ipv4 cannot apply to /tmp/s: it is a Unix socket; proto is for "
                                + "TCP addresses\n"
                                + "test.conf:1:82: proto=both cannot apply to [::1]:25: it is an IPv6 address; use proto "
                                + "with * or leave it out\n"
                                + "test.conf:1:100: expected proto ipv4, ipv6 or both, got \"ipv7\""),
                Arguments.of("Esmtp_Listener = ( *:25 [ 0.0.0.0/0 = ( contineu ALWAYS_ALLOW personalty [ a = 1 ] ) ] )",
                        "test.conf:1:41: expected an ACL property (" + ACL_PROPERTIES + "), got \"contineu\": did "
                                + "you mean continue?\n"
                                + "test.conf:1:50: expected an ACL property (" + ACL_PROPERTIES + "), got "
                                + "\"ALWAYS_ALLOW\": did you mean ALWAYS-ALLOW?\n"
                                + "test.conf:1:63: expected an ACL property (" + ACL_PROPERTIES + "), got "
                                + "\"personalty\": did you mean personality?"),
                Arguments.of("Esmtp_Listener = ( *:25 <status=off> )",
                        "test.conf:1:33: expected status \"disabled\" or \"enabled\", got \"off\""),
                Arguments.of("Esmtp_Listener = ( *:25 <Status=\"disabled\" name=x> )",
                        "test.conf:1:44: expected the attribute proto or status, got \"name\""),
                Arguments.of("Esmtp_Listener = ( <proto=ipv4> *:25 )",
                        "test.conf:1:20: expected a listen address before \"<\", which applies to the address it "
                                + "follows"),
                Arguments.of("Esmtp_Listener = ( [ 0.0.0.0/0 = ( continue ) ] )",
                        "test.conf:1:20: expected a listen address before \"[\", which applies to the address it "
                                + "follows"),
                Arguments.of("Esmtp_Listener = ( *:25 [ ] [ ] )",
                        "test.conf:1:29: expected one ACL [ ... ] after *:25, got a second one: put all its CIDR blocks "
                                + "in one"),
                Arguments.of("Esmtp_Listener = ( *:25 [ 10.0.0.0/8 = ( relay_for_sending_domains [ a.com = false "
                                + "b.com = true ] ) ] )",
                        "test.conf:1:78: expected a.com = true, got \"false\": list only the domains that may relay"),
                Arguments.of("Esmtp_Listener = ( *:25 [ 10.0.0.0/8 = ( relay_for_sending_domains [ ] ) ] )",
                        "test.conf:1:68: expected domains in relay_for_sending_domains [ domain = true ], got none: "
                                + "for an open relay write relay_for_sending_domains alone"),
                Arguments.of("Esmtp_Listener = ( *:25 [ 10.0.0.0/8 = ( relay_for_sending_domains [ a.com = ( x ) ] "
                                + ") ] )",
                        "test.conf:1:78: expected a single value for a.com in relay_for_sending_domains, got a list"),
                Arguments.of("Esmtp_Listener = ( *:25 [ 10.0.0.0/8 = ( continue [ x = 1 ] personality context "
                                + "ALWAYS-ALLOW [ ] ) ] )",
                        "test.conf:1:51: continue takes no parameters: remove the [ ... ] after it\n"
                                + "test.conf:1:61: expected \"[\" and the parameters after personality, as in "
                                + "personality [ key = value ]\n"
                                + "test.conf:1:73: expected \"[\" and the parameters after context, as in context "
                                + "[ key = value ]\n"
                                + "test.conf:1:94: ALWAYS-ALLOW takes no parameters: remove the [ ... ] after it"),
                Arguments.of("Esmtp_Listener = ( *:25 [ 10.0.0.0/8 = ( TLS [ extension = STARTTLS verify = require ] "
                                + ") ] )",
                        "test.conf:1:69: expected a TLS parameter (certificate, key, clientca, ciphers or extension), "
                                + "got \"verify\""),
                Arguments.of("Esmtp_Listener = ( *:25 [ 10.0.0.0/8 = ( TLS [ extension = SSL ] ) ] )",
                        "test.conf:1:60: expected extension = STARTTLS in TLS, got \"SSL\""),
                Arguments.of("Esmtp_Listener = ( *:25 [ 10.0.0.0/8 = ( CRAM-MD5 [ extension = XAUTH extension_argument"
                                + " = LOGIN uri = x ] ) ] )",
                        "test.conf:1:65: expected extension = AUTH in CRAM-MD5, got \"XAUTH\"\n"
                                + "test.conf:1:92: expected extension_argument = CRAM-MD5 in CRAM-MD5, got \"LOGIN\""),
                Arguments.of("Esmtp_Listener = ( *:25 [ 10.0.0.0/8 = ( LOGIN [ extension_argument = LOGIN uri = x ] ) ]"
                                + " )",
                        "test.conf:1:50: expected extension = AUTH with extension_argument in LOGIN, got none"),
                Arguments.of("Esmtp_Listener = ( *:25 [ 10.0.0.0/8 = ( DIGEST-MD5 ) ] )",
                        "test.conf:1:42: expected \"[\" and the parameters after DIGEST-MD5, as in DIGEST-MD5 "
                                + "[ key = value ]"),
                Arguments.of("Esmtp_Listener = ( *:25 [ 10.0.0.0/8 = ( XCLIENT [ extension = XREMOTEIP foo = 1 ] ) ] )",
                        "test.conf:1:64: expected extension = XCLIENT in XCLIENT, got \"XREMOTEIP\"\n"
                                + "test.conf:1:74: expected only extension = XCLIENT in XCLIENT, got \"foo\""),
                Arguments.of("Esmtp_Listener = ( *:25 [ 10.0.0.0/8 = ( personality [ \"my key\" = 1 ] ) ] )",
                        "test.conf:1:56: expected an option name in personality, got \"my key\""),
                // structure
                Arguments.of("Esmtp_Listener = ( *:25 ",
                        "test.conf:1:25: expected \")\" to close Esmtp_Listener = ( opened at 1:18, got end of file"),
                Arguments.of("Esmtp_Listener = ( *:25 <proto ipv4> )",
                        "test.conf:1:32: expected \"=\" after the attribute proto, got \"ipv4\""),
                Arguments.of("Esmtp_Listener = ( *:25 <proto=> )",
                        "test.conf:1:32: expected a value for the attribute proto, got \">\""),
                Arguments.of("Esmtp_Listener = ( *:25 < = x> )",
                        "test.conf:1:27: expected an attribute name or \">\", got \"=\""),
                Arguments.of("Esmtp_Listener = ( *:25 <proto=ipv4",
                        "test.conf:1:36: expected \">\" to close the attributes opened at 1:25, got end of file"),
                Arguments.of("Esmtp_Listener = ( *:25 [ 0.0.0.0/0 ( ) ] )",
                        "test.conf:1:37: expected \"=\" after 0.0.0.0/0, got \"(\""),
                Arguments.of("Esmtp_Listener = ( *:25 [ 0.0.0.0/0 = continue ] )",
                        "test.conf:1:39: expected \"(\" and the ACL properties after 0.0.0.0/0 =, got \"continue\""),
                Arguments.of("Esmtp_Listener = ( *:25 [ ( ) ] )",
                        "test.conf:1:27: expected a CIDR block or \"]\", got \"(\""),
                Arguments.of("Esmtp_Listener = ( *:25 [ 0.0.0.0/0 = ( \"continue\" ) ] )",
                        "test.conf:1:41: expected an ACL property or \")\", got \"continue\""),
                Arguments.of("Esmtp_Listener = ( *:25 [ 0.0.0.0/0 = ( continue ",
                        "test.conf:1:50: expected \")\" to close the ACL properties opened at 1:39, got end of file"),
                Arguments.of("Esmtp_Listener = ( *:25 [ 0.0.0.0/0 = ( continue ) ",
                        "test.conf:1:52: expected \"]\" to close the ACL opened at 1:25, got end of file"),
                Arguments.of("Esmtp_Listener = ( *:25 { )",
                        "test.conf:1:25: expected a listen address, \"<\", \"[\" or \")\", got \"{\""),
                Arguments.of("Esmtp_Listener = ( \"\" )", "test.conf:1:20: expected a listen address, got \"\""));
    }

    @ParameterizedTest
    @MethodSource("brokenLists")
    void aBroken2xListNamesTheLineAndColumnAndWhatWasExpected(String text, String message) {
        assertEquals(message, error(text));
    }
}
