package org.mtalistener.net;

import io.netty.handler.ssl.CipherSuiteConverter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The cipher suites of a listener from {@code TLS_Ciphers} (an OpenSSL cipher list, as Momentum takes it) and
 * {@code TLSv13_Ciphersuites}, in the JDK's names.
 *
 * <p>{@code TLS_Ciphers} is read as OpenSSL reads it, for the TLS 1.2-and-older suites: words separated by
 * {@code :}, {@code ,} or spaces, each adding a suite or a group, or removing it with {@code !} or {@code -}
 * ({@code +}, which only reorders in OpenSSL, adds). Suites are OpenSSL names ({@code ECDHE-RSA-AES128-GCM-SHA256})
 * or the JDK's ({@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}). Groups: {@code DEFAULT}, {@code ALL} and
 * {@code HIGH} are the JDK's default suites (which hold no weak ones); {@code aNULL}, {@code eNULL}, {@code EXPORT},
 * {@code LOW}, {@code MEDIUM}, {@code RC4}, {@code 3DES}, {@code MD5}, {@code kRSA}, {@code SHA1} and the others in
 * {@link #GROUPS} select by the parts of the suite's name, so the usual {@code DEFAULT:!aNULL:!eNULL:!LOW:!EXP}
 * means what it says. {@code @STRENGTH} and {@code @SECLEVEL=n} are accepted and change nothing. Any other word is
 * an error naming the option, rather than a listener that quietly offers other suites than written.
 *
 * <p>TLS 1.3 suites have the same names in OpenSSL and the JDK; {@code TLSv13_Ciphersuites} lists them,
 * colon-separated (unset: the JDK's default ones).
 */
final class TlsCiphers {

    /** OpenSSL's group names, as predicates on the JDK's suite names. */
    private static final Map<String, Predicate<String>> GROUPS = Map.ofEntries(
            Map.entry("anull", s -> s.contains("_anon_")),
            Map.entry("adh", s -> s.contains("_DH_anon_")),
            Map.entry("aecdh", s -> s.contains("_ECDH_anon_")),
            Map.entry("enull", s -> s.contains("_WITH_NULL_")),
            Map.entry("null", s -> s.contains("_WITH_NULL_")),
            Map.entry("export", s -> s.contains("_EXPORT")),
            Map.entry("exp", s -> s.contains("_EXPORT")),
            Map.entry("low", s -> s.contains("_WITH_DES_") || s.contains("_EXPORT")),
            Map.entry("medium", s -> s.contains("_RC4_") || s.contains("_SEED_") || s.contains("_IDEA_")),
            Map.entry("rc4", s -> s.contains("_RC4_")),
            Map.entry("des", s -> s.contains("_WITH_DES_")),
            Map.entry("3des", s -> s.contains("_3DES_")),
            Map.entry("md5", s -> s.endsWith("_MD5")),
            Map.entry("sha1", s -> s.endsWith("_SHA")),
            Map.entry("sha", s -> s.endsWith("_SHA")),
            Map.entry("krsa", s -> s.startsWith("TLS_RSA_") || s.startsWith("SSL_RSA_")),
            Map.entry("dss", s -> s.contains("_DSS_")),
            Map.entry("psk", s -> s.contains("_PSK_")),
            Map.entry("srp", s -> s.contains("_SRP_")),
            Map.entry("ecdhe", s -> s.contains("_ECDHE_")),
            Map.entry("eecdh", s -> s.contains("_ECDHE_")),
            Map.entry("dhe", s -> s.contains("_DHE_")),
            Map.entry("edh", s -> s.contains("_DHE_")),
            Map.entry("aesgcm", s -> s.contains("_AES_") && s.contains("_GCM_")),
            Map.entry("aes", s -> s.contains("_AES_")),
            Map.entry("chacha20", s -> s.contains("_CHACHA20_")),
            Map.entry("ecdsa", s -> s.contains("_ECDSA_")),
            Map.entry("scsv", s -> s.endsWith("_SCSV")));
    private static final Set<String> DEFAULTS = Set.of("default", "all", "high", "complementofdefault");

    private TlsCiphers() {
    }

    /**
     * @param ciphers   {@code TLS_Ciphers}; null or blank: the JDK's default TLS 1.2-and-older suites
     * @param tls13     {@code TLSv13_Ciphersuites}; null or blank: the JDK's default TLS 1.3 suites
     * @param enabled   the JDK's default suites, in its order of preference
     * @param supported every suite the JDK knows
     * @throws TlsConfigException for a word the JDK cannot honour, or nothing left
     */
    static List<String> parse(String ciphers, String tls13, List<String> enabled, List<String> supported) {
        List<String> result = new ArrayList<>(tls13Suites(tls13, enabled, supported));
        result.addAll(olderSuites(ciphers, enabled, supported));
        if (result.stream().allMatch(s -> s.endsWith("_SCSV"))) {
            throw new TlsConfigException("TLS_Ciphers", "\"" + ciphers + "\" and TLSv13_Ciphersuites \"" + tls13
                    + "\" leave no cipher suite enabled");
        }
        return result;
    }

    private static List<String> tls13Suites(String text, List<String> enabled, List<String> supported) {
        if (text == null || text.isBlank()) {
            return enabled.stream().filter(TlsCiphers::isTls13).toList();
        }
        List<String> suites = new ArrayList<>();
        for (String name : text.trim().split("[\\s:,]+")) {
            String suite = supported.stream().filter(s -> s.equalsIgnoreCase(name) && isTls13(s)).findFirst()
                    .orElseThrow(() -> new TlsConfigException("TLSv13_Ciphersuites", "\"" + name + "\" is not a "
                            + "TLS 1.3 cipher suite this JDK knows (use e.g. TLS_AES_256_GCM_SHA384:"
                            + "TLS_AES_128_GCM_SHA256)"));
            suites.add(suite);
        }
        return suites;
    }

    private static List<String> olderSuites(String text, List<String> enabled, List<String> supported) {
        List<String> defaults = enabled.stream().filter(s -> !isTls13(s)).toList();
        if (text == null || text.isBlank()) {
            return defaults;
        }
        List<String> older = supported.stream().filter(s -> !isTls13(s)).toList();
        Set<String> chosen = new LinkedHashSet<>();
        Set<String> banned = new LinkedHashSet<>();
        for (String word : text.trim().split("[\\s:,]+")) {
            if (word.startsWith("@")) {
                continue;
            }
            char sign = word.charAt(0);
            boolean ban = sign == '!';
            boolean remove = ban || sign == '-';
            String name = remove || sign == '+' ? word.substring(1) : word;
            List<String> named = named(name, defaults, older);
            if (ban) {
                banned.addAll(named);
            }
            if (remove) {
                named.forEach(chosen::remove);
            } else {
                named.stream().filter(s -> !banned.contains(s)).forEach(chosen::add);
            }
        }
        // The JDK's order of preference, strongest first, as OpenSSL's @STRENGTH would give.
        List<String> ordered = new ArrayList<>();
        defaults.stream().filter(chosen::contains).forEach(ordered::add);
        older.stream().filter(s -> chosen.contains(s) && !ordered.contains(s)).forEach(ordered::add);
        return ordered;
    }

    private static List<String> named(String name, List<String> defaults, List<String> older) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (DEFAULTS.contains(lower)) {
            return lower.equals("complementofdefault") ? List.of() : defaults;
        }
        Predicate<String> group = GROUPS.get(lower);
        if (group != null) {
            return older.stream().filter(group).toList();
        }
        String javaName = name.startsWith("TLS_") || name.startsWith("SSL_") ? name
                : CipherSuiteConverter.toJava(name, "TLS");
        if (javaName != null) {
            for (String suite : older) {
                if (suite.equalsIgnoreCase(javaName) || suite.equalsIgnoreCase("SSL" + javaName.substring(3))) {
                    return List.of(suite);
                }
            }
        }
        throw new TlsConfigException("TLS_Ciphers", "\"" + name + "\" is not a cipher suite or group this JDK "
                + "knows (use OpenSSL names such as ECDHE-RSA-AES128-GCM-SHA256, groups such as HIGH or !aNULL, "
                + "or the JDK's names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
    }

    private static boolean isTls13(String suite) {
        return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
    }
}
