package org.mtalistener.net;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code TLS_Protocols} in Momentum's syntax, {@code +ALL:-SSLv3:-TLSv1.0:-TLSv1.1}: each word adds ({@code +} or
 * nothing) or removes ({@code -}, {@code !}) a protocol, left to right; {@code ALL} stands for the protocols the
 * JDK enables by default (its {@code jdk.tls.disabledAlgorithms} still applies). SSLv3 and SSLv2Hello are never
 * enabled.
 */
final class TlsProtocols {

    private static final Set<String> NEVER = Set.of("SSLv3", "SSLv2Hello", "SSLv2");

    private TlsProtocols() {
    }

    /**
     * @param text      the option's value; null or blank: {@code +ALL}
     * @param enabled   the JDK's default protocols
     * @param supported every protocol the JDK knows
     * @return the protocols to enable, in the JDK's order of preference
     * @throws TlsConfigException for an unknown word, SSLv3, or nothing left
     */
    static List<String> parse(String text, List<String> enabled, List<String> supported) {
        Set<String> chosen = new LinkedHashSet<>();
        String written = text == null || text.isBlank() ? "+ALL" : text;
        for (String word : written.trim().split("[\\s:,]+")) {
            boolean remove = word.startsWith("-") || word.startsWith("!");
            String name = word.startsWith("+") || remove ? word.substring(1) : word;
            List<String> named;
            if (name.equalsIgnoreCase("ALL")) {
                named = enabled.stream().filter(p -> !NEVER.contains(p)).toList();
            } else {
                String protocol = javaName(name, supported);
                if (protocol == null) {
                    throw new TlsConfigException("TLS_Protocols", "\"" + name + "\" is not a protocol (use TLSv1.2, "
                            + "TLSv1.3 or ALL, with + or -, e.g. +ALL:-TLSv1.0:-TLSv1.1)");
                }
                if (NEVER.contains(protocol) && !remove) {
                    throw new TlsConfigException("TLS_Protocols", protocol + " is never enabled: it is broken "
                            + "(remove it from " + written + ")");
                }
                named = List.of(protocol);
            }
            if (remove) {
                named.forEach(chosen::remove);
            } else {
                chosen.addAll(named);
            }
        }
        List<String> ordered = new ArrayList<>();
        supported.stream().filter(chosen::contains).forEach(ordered::add);
        if (ordered.isEmpty()) {
            throw new TlsConfigException("TLS_Protocols", "\"" + written + "\" leaves no protocol enabled");
        }
        return ordered;
    }

    /** OpenSSL's and Momentum's names to the JDK's: TLSv1.0 is the JDK's TLSv1. */
    private static String javaName(String name, List<String> supported) {
        String wanted = name.equalsIgnoreCase("TLSv1.0") ? "TLSv1" : name;
        for (String protocol : supported) {
            if (protocol.equalsIgnoreCase(wanted)) {
                return protocol;
            }
        }
        return NEVER.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(null);
    }
}
