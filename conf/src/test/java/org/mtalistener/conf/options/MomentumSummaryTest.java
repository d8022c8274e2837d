package org.mtalistener.conf.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The registry against Momentum 4's options summary: nothing missing, nothing invented, nothing mistyped. */
class MomentumSummaryTest {

    private final OptionRegistry registry = OptionRegistry.standard();

    @Test
    void theSummaryIsReadAsExpected() {
        List<MomentumSummary.Row> rows = MomentumSummary.rows();
        assertTrue(rows.size() >= 70, "rows read: " + rows.size());
        MomentumSummary.Row backlog = rows.stream().filter(r -> r.name().equals("listen_backlog")).findFirst()
                .orElseThrow();
        assertEquals("500", backlog.defaultText());
        assertTrue(backlog.scopes().contains("esmtp_listener"));
        MomentumSummary.Row buffer = rows.stream().filter(r -> r.name().equals("tcp_recv_buffer_size")).findFirst()
                .orElseThrow();
        assertEquals("4096", buffer.defaultText());
        assertTrue(rows.stream().anyMatch(r -> r.isScope() && r.name().equals("listen")));
    }

    @Test
    void everyListenerOptionOfTheSummaryIsInTheRegistryUnderItsOwnName() {
        List<String> missing = new ArrayList<>();
        for (MomentumSummary.Row row : MomentumSummary.listenerOptions()) {
            Optional<OptionDef<?>> option = registry.find(row.name());
            if (option.isEmpty() || !option.get().name().equalsIgnoreCase(row.name())) {
                missing.add(row.name());
            }
        }
        assertEquals(List.of(), missing, "listener options of the summary missing from the registry");
    }

    @Test
    void theRegistryInventsNoMomentumOption() {
        Set<String> summary = MomentumSummary.listenerOptions().stream().map(MomentumSummary.Row::name)
                .collect(Collectors.toSet());
        List<String> invented = registry.all().stream().filter(o -> !o.adapterSpecific())
                .map(OptionDef::name).filter(n -> !summary.contains(n.toLowerCase(Locale.ROOT))).toList();
        assertEquals(List.of(), invented, "options not in the summary must be marked adapter-specific");
        assertTrue(registry.all().stream().anyMatch(OptionDef::adapterSpecific));
    }

    /**
     * Scopes the registry adds to the summary's, each said in the option's meaning: the 2.x ACL properties CRAM-MD5
     * and LOGIN become these options in a Peer (the summary has Peer for DIGEST-MD5 but not for these two);
     * Listener_Sessions bounds the console too (SPEC §7: every limit has a safe default).
     */
    private static final Map<String, Set<String>> WIDENED = Map.of(
            "authcrammd5parameters", Set.of("peer"),
            "authloginparameters", Set.of("peer"),
            "listener_sessions", Set.of("control_listener"));

    @Test
    void everyOptionHasTheScopesTheSummaryLists() {
        List<String> differ = new ArrayList<>();
        for (MomentumSummary.Row row : MomentumSummary.listenerOptions()) {
            registry.find(row.name()).ifPresent(option -> {
                Set<String> scopes = option.scopes().stream().map(s -> s.confName().toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet());
                // the adapter's own listener: Momentum has none, so its summary cannot list it
                scopes.remove(ScopeKind.QMQP_LISTENER.confName().toLowerCase(Locale.ROOT));
                Set<String> widened = WIDENED.getOrDefault(row.name(), Set.of());
                if (!widened.isEmpty()) {
                    assertTrue(scopes.containsAll(widened) && option.meaning().contains("Peer"), option.name());
                    scopes.removeAll(widened);
                }
                if (!scopes.equals(row.scopes())) {
                    differ.add(option.name() + ": registry " + scopes + ", summary " + row.scopes());
                }
            });
        }
        assertEquals(List.of(), differ);
    }

    @Test
    void everyDefaultIsMomentumsOrTheMeaningSaysWhyNot() {
        List<String> unexplained = new ArrayList<>();
        for (MomentumSummary.Row row : MomentumSummary.listenerOptions()) {
            OptionDef<?> option = registry.find(row.name()).orElseThrow();
            // Momentum's default must be a value of the option's type: this also checks the types
            Optional<?> momentum = row.defaultText().isEmpty() ? Optional.empty()
                    : Optional.of(option.parse(new ConfValue.Scalar(row.defaultText())));
            if (!momentum.equals(option.defaultValue()) && !option.meaning().contains("Momentum")) {
                unexplained.add(option.name() + ": " + option.defaultText().orElse("none") + ", Momentum "
                        + (row.defaultText().isEmpty() ? "none" : row.defaultText()));
            }
        }
        assertEquals(List.of(), unexplained, "defaults that differ from Momentum's without a word in the meaning");
    }

    @Test
    void theChangedDefaultsAreTheOnesDecided() {
        assertEquals(Optional.of("52428800"), registry.require("Max_Message_Size").defaultText());
        assertEquals(Optional.of("1000"), registry.require("Max_Recipients_Per_Message").defaultText());
        assertEquals(Optional.of("1000"), registry.require("Listener_Sessions").defaultText());
        assertEquals(Optional.of("0"), registry.require("TCP_Recv_Buffer_Size").defaultText());
        assertEquals(Optional.of("300"), registry.require("Idle_Time").defaultText());
        assertEquals(Optional.of("optional"), registry.require("TLS_Verify_Mode").defaultText());
        assertFalse(registry.require("Max_Receptions_Per_Connection").meaning().isEmpty());
    }

    @Test
    void aMissingSummaryFailsTheComparisonRatherThanSkippingIt(@TempDir Path dir) {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> MomentumSummary.rows(dir.resolve("momentum4-listener-options.txt")));
        assertTrue(failure.getMessage().contains("../shared/reference beside the project root"), failure.getMessage());
    }
}
