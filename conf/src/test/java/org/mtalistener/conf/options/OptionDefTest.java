package org.mtalistener.conf.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionDefTest {

    private final OptionRegistry registry = OptionRegistry.standard();

    private String scopeError(String option, ScopeKind scope, ScopeKind listener) {
        OptionDef<?> def = registry.require(option);
        assertFalse(def.validIn(scope, listener));
        return assertThrows(OptionException.class, () -> def.requireValidIn(scope, listener)).getMessage();
    }

    @Test
    void saysWhereAnOptionMayBeWrittenInstead() {
        assertEquals("Listen_Backlog is not valid in a Peer scope (valid in: ESMTP_Listener, Listen)",
                scopeError("Listen_Backlog", ScopeKind.PEER, ScopeKind.ESMTP_LISTENER));
        assertEquals("Max_Message_Size is not valid in the global scope (valid in: ESMTP_Listener, QMQP_Listener, Listen, Peer)",
                scopeError("Max_Message_Size", ScopeKind.GLOBAL, null));
        assertEquals("Reconfig_Message is not valid in a Listen scope (valid in: ESMTP_Listener)",
                scopeError("Reconfig_Message", ScopeKind.LISTEN, ScopeKind.ESMTP_LISTENER));
        assertEquals("Concurrency is not valid in a Peer scope (valid in: Control_Listener, Listen)",
                scopeError("Concurrency", ScopeKind.PEER, ScopeKind.CONTROL_LISTENER));
        assertEquals("Relay_Hosts is not valid in a ThreadPool scope (valid in: global, ESMTP_Listener, Listen, "
                + "Peer)", scopeError("Relay_Hosts", ScopeKind.THREADPOOL, null));
    }

    @Test
    void saysWhichListenerAnOptionBelongsTo() {
        assertEquals("Timeout is not valid in ESMTP_Listener (it applies to Control_Listener)",
                scopeError("Timeout", ScopeKind.ESMTP_LISTENER, null));
        assertEquals("Max_Request_Size is not valid in a Listen scope of ESMTP_Listener (it applies to "
                + "HTTP_Listener)", scopeError("Max_Request_Size", ScopeKind.LISTEN, ScopeKind.ESMTP_LISTENER));
        assertEquals("Max_Message_Size is not valid in a Peer scope of ECStream_Listener (it applies to "
                + "ESMTP_Listener, QMQP_Listener)", scopeError("Max_Message_Size", ScopeKind.PEER, ScopeKind.ECSTREAM_LISTENER));
        assertEquals("Idle_Time is not valid in ECStream_Listener (it applies to ESMTP_Listener, QMQP_Listener, HTTP_Listener, "
                + "XMPP_Listener)", scopeError("Idle_Time", ScopeKind.ECSTREAM_LISTENER, ScopeKind.ESMTP_LISTENER));
    }

    @Test
    void acceptsAnOptionWhereMomentumDoes() {
        registry.require("Max_Message_Size").requireValidIn(ScopeKind.PEER, ScopeKind.ESMTP_LISTENER);
        registry.require("Max_Message_Size").requireValidIn(ScopeKind.LISTEN, ScopeKind.ESMTP_LISTENER);
        registry.require("Max_Message_Size").requireValidIn(ScopeKind.ESMTP_LISTENER, null);
        registry.require("Relay_Hosts").requireValidIn(ScopeKind.GLOBAL, null);
        registry.require("Listen_Backlog").requireValidIn(ScopeKind.LISTEN, ScopeKind.CONTROL_LISTENER);
        registry.require("Timeout").requireValidIn(ScopeKind.CONTROL_LISTENER, null);
        registry.require("ECStream_Idle_Time").requireValidIn(ScopeKind.PEER, ScopeKind.ECSTREAM_LISTENER);
        // DuraVIP options name no listener: a Listen of any listener takes them
        registry.require("Duravip_Follow").requireValidIn(ScopeKind.LISTEN, ScopeKind.ESMTP_LISTENER);
        assertTrue(registry.require("Duravip_Follow").validIn(ScopeKind.LISTEN, ScopeKind.CONTROL_LISTENER));
        assertFalse(registry.require("Duravip_Follow").validIn(ScopeKind.PEER, ScopeKind.ESMTP_LISTENER));
        // a listener scope is its own context, whatever the second argument says
        assertTrue(registry.require("Timeout").validIn(ScopeKind.CONTROL_LISTENER, ScopeKind.ESMTP_LISTENER));
        assertTrue(registry.require("Max_Recipients_Per_Connection").validIn(ScopeKind.BINDING));
    }

    @Test
    void listsTheListenersAnOptionAppliesTo() {
        assertEquals(EnumSet.of(ScopeKind.ESMTP_LISTENER, ScopeKind.QMQP_LISTENER),
                registry.require("Max_Message_Size").listeners());
        assertEquals(EnumSet.of(ScopeKind.CONTROL_LISTENER), registry.require("Timeout").listeners());
        assertEquals(EnumSet.of(ScopeKind.ESMTP_LISTENER, ScopeKind.ECSTREAM_LISTENER, ScopeKind.QMQP_LISTENER,
                        ScopeKind.HTTP_LISTENER),
                registry.require("Max_Concurrent_Deliveries").listeners());
        assertEquals(EnumSet.noneOf(ScopeKind.class), registry.require("Enable_Duravip").listeners());
    }

    @Test
    void parsesAValueUnderItsOwnName() {
        assertEquals(10485760L, registry.require("Max_Message_Size").parse(ConfValue.scalar("10485760")));
        assertEquals("Max_Message_Size: \"10MB\" is not a byte count (use 10485760)",
                assertThrows(OptionException.class,
                        () -> registry.require("Max_Message_Size").parse(ConfValue.scalar("10MB"))).getMessage());
        assertEquals("TLS_Verify_Mode: \"strict\" is not allowed (use none, optional or require)",
                assertThrows(OptionException.class,
                        () -> registry.require("tls_verify_mode").parse(ConfValue.scalar("strict"))).getMessage());
        assertEquals("reject", registry.require("Starttls_Injection_Policy").parse(ConfValue.scalar("REJECT")));
        assertEquals(0660, registry.require("File_Mode").parse(ConfValue.scalar("0660")));
    }

    @Test
    void typedDefaults() {
        assertEquals(Optional.of(52428800L), registry.require("Max_Message_Size").defaultValue());
        assertEquals(Optional.of(true), registry.require("Enable").defaultValue());
        assertEquals(Optional.of(0660), registry.require("File_Mode").defaultValue());
        assertEquals(Optional.of("0660"), registry.require("File_Mode").defaultText());
        assertEquals(Optional.of("reject"), registry.require("Starttls_Injection_Policy").defaultValue());
        assertEquals(Optional.of("\"4.3.2 Reconfiguration in progress\""),
                registry.require("Reconfig_Message").defaultText());
        assertEquals(Optional.empty(), registry.require("Banner_Hostname").defaultValue());
        assertEquals(Optional.empty(), registry.require("Relay_Hosts").defaultText());
    }

    @Test
    void everyDefaultReadsBackFromWhatItWrites() {
        for (OptionDef<?> option : registry.all()) {
            assertRoundTrip(option);
        }
    }

    private static <T> void assertRoundTrip(OptionDef<T> option) {
        option.defaultValue().ifPresent(value ->
                assertEquals(value, option.parse(option.type().toConf(value)), option.name()));
    }

    @Test
    void everyOptionThatIsNotSupportedSaysWhy() {
        for (OptionDef<?> option : registry.all()) {
            assertEquals(option.support() != Support.SUPPORTED, !option.note().isBlank(), option.name());
            if (option.support() == Support.PLANNED) {
                assertTrue(option.note().startsWith("step "), option.name() + ": " + option.note());
            }
        }
    }

    @Test
    void optionsOfListenersTheAdapterDoesNotRunAreIgnored() {
        List<String> wrong = new ArrayList<>();
        for (OptionDef<?> option : registry.all()) {
            boolean adapterListener = option.listeners().stream().anyMatch(ScopeKind::isAdapterListener);
            if (!option.listeners().isEmpty() && !adapterListener && option.support() != Support.IGNORED) {
                wrong.add(option.name());
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(Support.SUPPORTED, registry.require("Max_Request_Size").support());
    }

    @Test
    void saysOnceWhatItDoesWithAnOptionItDoesNotSimplyHonour() {
        assertEquals(Optional.empty(), registry.require("Max_Message_Size").notice());
        assertEquals(Optional.of("Concurrency is honoured as event-loop threads of the socket, taken from the JCA "
                + "WorkManager (Momentum: accept threads of the Pool_Name pool)"),
                registry.require("Concurrency").notice());
        assertEquals(Optional.of("Event_Loop is ignored: the event loops come from the container's WorkManager; "
                + "Concurrency sizes them"), registry.require("Event_Loop").notice());
        assertEquals(Optional.empty(), registry.require("Disable_Chunked").notice());
        OptionDef<?> relay = registry.require("Open_Relay");
        assertEquals(Optional.of("Open_Relay is accepted but not acted on yet (step SMTP policy)"),
                new OptionDef<>("Open_Relay", OptionType.flag(), Optional.of(false), relay.scopes(), relay.meaning(),
                        Support.PLANNED, "step SMTP policy", false, List.of()).notice());
        assertEquals(Optional.empty(), registry.require("Use_SSL").notice());
    }

    @Test
    void onlyTheAdaptersOwnOptionsAreAdapterSpecificAndTheySayIt() {
        assertEquals(List.of("Allow_Plaintext_Auth", "Bare_Newline_Policy", "Blackhole", "Connection_Check",
                        "Continue", "Local_Domains", "Max_Concurrent_Deliveries", "Max_Sessions_Per_Client",
                        "Min_Data_Rate", "QMQP_Authorized", "Recipient_Check", "Reject_Connections", "Reject_Connections_Text"),
                registry.all().stream().filter(OptionDef::adapterSpecific).map(OptionDef::name).toList());
        assertTrue(registry.require("Max_Concurrent_Deliveries").meaning().contains("adapter-specific"));
    }

    @Test
    void refusesAnIncompleteDefinition() {
        OptionDef<?> o = registry.require("Open_Relay");
        assertEquals("Open_Relay: a planned option says why in its note", assertThrows(IllegalArgumentException.class,
                () -> new OptionDef<>("Open_Relay", OptionType.flag(), Optional.of(false), o.scopes(), o.meaning(),
                        Support.PLANNED, " ", false, List.of())).getMessage());
        assertEquals("Open_Relay: a listener option is valid in a listener, Listen or Peer",
                assertThrows(IllegalArgumentException.class, () -> new OptionDef<>("Open_Relay", OptionType.flag(),
                        Optional.of(false), Set.of(ScopeKind.GLOBAL), o.meaning(), Support.SUPPORTED, "", false,
                        List.of())).getMessage());
        assertEquals("option name \"Open Relay\" is not Word_Word", assertThrows(IllegalArgumentException.class,
                () -> new OptionDef<>("Open Relay", OptionType.flag(), Optional.of(false), o.scopes(), o.meaning(),
                        Support.SUPPORTED, "", false, List.of())).getMessage());
        assertEquals("Open_Relay: the meaning is one line", assertThrows(IllegalArgumentException.class,
                () -> new OptionDef<>("Open_Relay", OptionType.flag(), Optional.of(false), o.scopes(), "a\nb",
                        Support.SUPPORTED, "", false, List.of())).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OptionDef<>("Open_Relay", (OptionType) OptionType.flag(),
                Optional.of("yes"), o.scopes(), o.meaning(), Support.SUPPORTED, "", false, List.of()));
    }

    @Test
    void scopesAreFoundInAnyCaseAndKnowWhatTheyAre() {
        assertEquals(Optional.of(ScopeKind.ESMTP_LISTENER), ScopeKind.find("esmtp_listener"));
        assertEquals(Optional.of(ScopeKind.THREADPOOL), ScopeKind.find("THREADPOOL"));
        assertEquals(Optional.empty(), ScopeKind.find("Esmtp"));
        assertTrue(ScopeKind.HTTP_LISTENER.isListener());
        assertTrue(ScopeKind.HTTP_LISTENER.isAdapterListener());
        assertFalse(ScopeKind.XMPP_LISTENER.isAdapterListener());
        assertTrue(ScopeKind.CONTROL_LISTENER.isAdapterListener());
        assertFalse(ScopeKind.LISTEN.isListener());
        assertTrue(ScopeKind.MSGCSERVER_LISTENER.isListener());
    }
}
