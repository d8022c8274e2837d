package org.mtalistener.conf.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OptionRegistryTest {

    private final OptionRegistry registry = OptionRegistry.standard();

    @ParameterizedTest
    @ValueSource(strings = {"Max_Message_Size", "max_message_size", "MAX_MESSAGE_SIZE", "mAx_MeSsAgE_sIzE",
            " Max_Message_Size "})
    void findsAnOptionInAnyCase(String name) {
        assertEquals("Max_Message_Size", registry.find(name).orElseThrow().name());
    }

    @Test
    void findsThe2xPersonalityNameOfMaxMessageSize() {
        OptionDef<?> option = registry.find("message_size").orElseThrow();
        assertSame(registry.require("Max_Message_Size"), option);
        assertEquals(List.of("message_size"), option.aliases());
    }

    @Test
    void findsNothingForAnUnknownNameOrAPropertyName() {
        assertEquals(Optional.empty(), registry.find("Frobnicate"));
        assertEquals(Optional.empty(), registry.find("maxMessageSize"));
        assertEquals(Optional.empty(), registry.find("listen")); // a scope, not an option
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "Max_Mesage_Size; did you mean Max_Message_Size?",
            "max_mesage_size; did you mean Max_Message_Size?",
            "Enabled; did you mean Enable?",
            "maxMessageSize; did you mean Max_Message_Size?",
            "Idle_Timeout; did you mean Idle_Time?",
            "Listener_Session; did you mean Listener_Sessions?",
            "Relay_Host; did you mean Relay_Hosts?",
            "Auth_Login_Parameters; did you mean AuthLoginParameters?",
            "AuthLginParameters; did you mean AuthLoginParameters or AuthPlainParameters?",
            "Enable_Auth; did you mean Enable_Authentication or Enable_Authorization?",
            "TLS_Cert; did you mean TLS_Certificate?",
            "Max_Recipients_Per; did you mean Max_Recipients_Per_Connection or Max_Recipients_Per_Message?",
            "Allow_N; did you mean Allow_Null_Envelope_Sender?",
            "Always_; did you mean Always_Allow or Always_Deny?"})
    void suggestsTheClosestNames(String written, String suggestion) {
        OptionException e = assertThrows(OptionException.class, () -> registry.require(written));
        assertEquals("unknown option \"" + written + "\": " + suggestion, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Frobnicate", "Foo", "Ssl", "Max_Re", "Inbound_Throttle_Messages", "Hostname"})
    void suggestsNothingWhenNothingIsClose(String written) {
        assertEquals(List.of(), registry.suggestionsFor(written));
        assertEquals("unknown option \"" + written + "\" (docs/conf.md lists the options a listener takes)",
                assertThrows(OptionException.class, () -> registry.require(written)).getMessage());
    }

    @Test
    void suggestsAtMostThree() {
        for (OptionDef<?> option : registry.all()) {
            for (int cut = 1; cut < option.name().length(); cut++) {
                List<String> names = registry.suggestionsFor(option.name().substring(0, cut));
                assertTrue(names.size() <= 3, option.name() + " cut at " + cut + ": " + names);
            }
        }
    }

    @Test
    void listsTheOptionsOfAScope() {
        Set<String> control = names(registry.definitionsFor(ScopeKind.CONTROL_LISTENER));
        assertTrue(control.containsAll(Set.of("Timeout", "Enable_Authorization", "Listen_Backlog", "Concurrency")));
        assertFalse(control.contains("Max_Message_Size"));
        Set<String> global = names(registry.definitionsFor(ScopeKind.GLOBAL));
        assertTrue(global.containsAll(Set.of("Relay_Hosts", "Require_EHLO", "TLS_Certificate")));
        assertFalse(global.contains("Idle_Time"));
        assertEquals(registry.all().stream().filter(o -> o.scopes().contains(ScopeKind.PEER)).count(),
                registry.definitionsFor(ScopeKind.PEER).size());
    }

    @Test
    void listsTheOptionsOfAScopeInsideAListener() {
        // Momentum's ECStream page says its two options are the only ones valid in its Peer scopes; the summary
        // also lists Pathway, the TLS options and (later) Proxy_Protocol there, and the registry follows the summary;
        // Continue is a 2.x ACL entry's continue, which any listener's 2.x ACL may say; Max_Sessions_Per_Client is
        // the adapter's own, and so is Reject_Connections
        assertEquals(Set.of("Continue", "ECStream_Idle_Time", "ECStream_Max_Batch_Size", "Max_Sessions_Per_Client",
                        "Pathway", "Proxy_Protocol", "Reject_Connections",
                        "Proxy_Protocol_Timeout", "TLS_Allow_Renegotiation", "TLS_Certificate", "TLS_Ciphers",
                        "TLS_Client_CA", "TLS_Key", "TLS_Protocols", "TLS_Verified_Peer_Can_Relay", "TLS_Verify_Mode",
                        "Use_SSL"),
                names(registry.definitionsFor(ScopeKind.PEER, ScopeKind.ECSTREAM_LISTENER)));
        // QMQP_Listener is the adapter's own: a Peer decides who may inject or is refused, and the per-client limits
        assertEquals(Set.of("Continue", "Idle_Time", "Listener_Sessions", "Max_Message_Size", "Max_Sessions_Per_Client",
                        "Proxy_Protocol", "Proxy_Protocol_Timeout", "QMQP_Authorized", "Reject_Connections"),
                names(registry.definitionsFor(ScopeKind.PEER, ScopeKind.QMQP_LISTENER)));
        Set<String> esmtpPeer = names(registry.definitionsFor(ScopeKind.PEER, ScopeKind.ESMTP_LISTENER));
        assertTrue(esmtpPeer.containsAll(Set.of("Max_Message_Size", "Relay_Hosts", "Idle_Time", "Context")));
        assertFalse(esmtpPeer.contains("Listen_Backlog"));
        assertFalse(esmtpPeer.contains("Max_Request_Size"));
        assertTrue(names(registry.definitionsFor(ScopeKind.LISTEN, ScopeKind.ESMTP_LISTENER)).contains("Duravip_Follow"));
    }

    @Test
    void theSupportOfEachOptionIsTheOneDecided() {
        Map<Support, Set<String>> bySupport = registry.all().stream().collect(Collectors.groupingBy(
                OptionDef::support, Collectors.mapping(OptionDef::name, Collectors.toSet())));
        assertEquals(Set.of("Allow_IP_Literal", "Allow_Null_Envelope_Sender", "Allow_Plaintext_Auth", "Bare_Newline_Policy",
                        "Max_Sessions_Per_Client", "Min_Data_Rate",
                        "Allow_Trailing_Whitespace_In_Commands", "Always_Allow", "Always_Deny",
                        "AuthCramMD5Parameters", "AuthDigestMD5Parameters", "AuthLoginParameters",
                        "AuthPlainParameters", "AuthorizationParameters", "Enable_Authentication",
                        "Enable_Authorization", "Timeout",
                        "Banner_Hostname", "Context", "Disable_Nagle_Algorithm",
                        "Domain_For_Unqualified_Recipient_Addresses", "Domain_For_Unqualified_Sender_Address",
                        "ECStream_Idle_Time", "ECStream_Max_Batch_Size", "Enable", "File_Mode",
                        "Idle_Time", "Listen_Backlog", "Listener_Sessions",
                        "Local_Domains", "Open_Relay", "Proxy_Protocol", "Proxy_Protocol_Timeout", "QMQP_Authorized",
                        "Relay_For_Sending_Domains", "Relay_Hosts",
                        "Max_Concurrent_Deliveries", "Max_Message_Size", "Max_Receptions_Per_Connection",
                        "Max_Recipients_Per_Connection", "Max_Recipients_Per_Message", "Received_Hostname",
                        "Recipient_Check", "Require_EHLO", "Service_Sessions", "SMTP_Extensions", "Static_Banner",
                        "Starttls_Injection_Policy", "TCP_Recv_Buffer_Size", "TCP_Send_Buffer_Size",
                        "TLS_Allow_Renegotiation", "TLS_Certificate", "TLS_Ciphers", "TLS_Client_CA", "TLS_Key",
                        "TLS_Protocols", "TLS_Verified_Peer_Can_Relay", "TLS_Verify_Mode", "TLSv13_Ciphersuites",
                        "Use_SSL",
                        // gate (issue 13)
                        "Blackhole", "Connection_Check", "Reject_Connections", "Reject_Connections_Text",
                        // HTTP_Listener's own
                        "Disable_Chunked", "Log_Requests_To_Paniclog", "Max_Request_Size",
                        "TLS_Verified_Peer_Is_Authorized"),
                bySupport.get(Support.SUPPORTED));
        assertEquals(Set.of("Concurrency"), bySupport.get(Support.MAPPED));
        assertEquals(Set.of("Accept_Queue_Backlog", "Click_Tracking_Enabled", "Click_Tracking_Scheme", "Continue",
                "Duravip_Follow", "Duravip_Preference", "Enable_Duravip", "Event_Loop",
                "Events_Per_Iter", "MCMT_Reception",
                "Open_Tracking_Enabled", "Open_Tracking_Scheme", "Pathway", "Pool_Name", "Reconfig_Message",
                "Tracking_Domain", "Tracking_Link_Expiry"),
                bySupport.get(Support.IGNORED));
        assertEquals(null, bySupport.get(Support.PLANNED), "every planned option is done");
    }

    @Test
    void ordersOptionsByName() {
        List<String> names = registry.all().stream().map(o -> o.name().toLowerCase(Locale.ROOT)).toList();
        assertEquals(names.stream().sorted().toList(), names);
    }

    @Test
    void findsAnOptionByItsPropertyName() {
        assertEquals("Max_Message_Size", registry.findByPropertyName("maxMessageSize").orElseThrow().name());
        assertEquals("Require_EHLO", registry.findByPropertyName("requireEhlo").orElseThrow().name());
        assertEquals(Optional.empty(), registry.findByPropertyName("MaxMessageSize"));
        assertEquals(Optional.empty(), registry.findByPropertyName("listen"));
    }

    @Test
    void refusesTwoOptionsOfOneNameInAnyCase() {
        OptionDef<?> a = registry.require("Enable");
        OptionDef<?> b = copy(registry.require("Open_Relay"), "ENABLE", List.of());
        assertEquals("ENABLE and Enable are both named ENABLE",
                assertThrows(IllegalArgumentException.class, () -> new OptionRegistry(List.of(a, b))).getMessage());
    }

    @Test
    void refusesANameThatIsAnotherOptionsAlias() {
        OptionDef<?> a = registry.require("Max_Message_Size");
        OptionDef<?> b = copy(registry.require("Open_Relay"), "Message_Size", List.of());
        assertEquals("Message_Size and Max_Message_Size are both named Message_Size",
                assertThrows(IllegalArgumentException.class, () -> new OptionRegistry(List.of(a, b))).getMessage());
    }

    @Test
    void refusesTwoOptionsOfOnePropertyName() {
        OptionDef<?> a = registry.require("Max_Message_Size");
        OptionDef<?> b = copy(registry.require("Open_Relay"), "MaxMessage_Size", List.of());
        assertEquals("MaxMessage_Size and Max_Message_Size share the property name maxMessageSize",
                assertThrows(IllegalArgumentException.class, () -> new OptionRegistry(List.of(a, b))).getMessage());
    }

    @Test
    void refusesAnOptionNamedLikeAnActivationSpecPropertyThatIsNoOption() {
        OptionDef<?> listen = copy(registry.require("Open_Relay"), "Listen", List.of());
        assertEquals("Listen takes the reserved property name listen",
                assertThrows(IllegalArgumentException.class, () -> new OptionRegistry(List.of(listen)))
                        .getMessage());
    }

    private static Set<String> names(List<OptionDef<?>> options) {
        return options.stream().map(OptionDef::name).collect(Collectors.toSet());
    }

    private static <T> OptionDef<T> copy(OptionDef<T> o, String name, List<String> aliases) {
        return new OptionDef<>(name, o.type(), o.defaultValue(), o.scopes(), o.meaning(), o.support(), o.note(),
                o.adapterSpecific(), aliases);
    }

    @Test
    void everyRowIsAConstantNamedAfterItsOption() throws IllegalAccessException {
        List<OptionDef<?>> constants = new java.util.ArrayList<>();
        for (java.lang.reflect.Field field : ListenerOptions.class.getFields()) {
            if (field.getType() == OptionDef.class) {
                OptionDef<?> option = (OptionDef<?>) field.get(null);
                assertEquals(option.name().replaceAll("(?<=[a-z0-9])(?=[A-Z])", "_").toUpperCase(Locale.ROOT)
                        .replace("__", "_"), field.getName(), "the constant of " + option.name());
                constants.add(option);
            }
        }
        assertEquals(registry.all().size(), constants.size());
        constants.forEach(option -> assertSame(option, registry.find(option.name()).orElseThrow()));
    }
}
