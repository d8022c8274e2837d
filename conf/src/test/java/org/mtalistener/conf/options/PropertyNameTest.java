package org.mtalistener.conf.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.beans.Introspector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ActivationSpec property of an option is computed from its conf name, never written per option. */
class PropertyNameTest {

    private final OptionRegistry registry = OptionRegistry.standard();

    @ParameterizedTest
    @CsvSource({
            "Max_Message_Size, maxMessageSize",
            "Listen_Backlog, listenBacklog",
            "Concurrency, concurrency",
            "Idle_Time, idleTime",
            "Banner_Hostname, bannerHostname",
            "Max_Concurrent_Deliveries, maxConcurrentDeliveries",
            "Require_EHLO, requireEhlo",
            "Allow_IP_Literal, allowIpLiteral",
            "TLS_Client_CA, tlsClientCa",
            "Use_SSL, useSsl",
            "SMTP_Extensions, smtpExtensions",
            "MCMT_Reception, mcmtReception",
            "AuthDigestMD5Parameters, authDigestMD5Parameters",
            "AuthorizationParameters, authorizationParameters",
            "ECStream_Idle_Time, ecstreamIdleTime",
            "TLSv13_Ciphersuites, tlsv13Ciphersuites",
            "File_Mode, fileMode",
            "max_message_size, maxMessageSize"})
    void isTheConfNameInLowerCamelCase(String confName, String property) {
        assertEquals(property, OptionDef.propertyNameOf(confName));
    }

    @Test
    void noTwoOptionsShareAPropertyName() {
        Set<String> seen = new HashSet<>();
        List<String> twice = new ArrayList<>();
        for (OptionDef<?> option : registry.all()) {
            if (!seen.add(option.propertyName())) {
                twice.add(option.propertyName());
            }
        }
        assertEquals(List.of(), twice);
        assertEquals(registry.all().size(), seen.size());
        assertTrue(seen.stream().noneMatch(OptionRegistry.RESERVED_PROPERTIES::contains));
    }

    @Test
    void everyPropertyNameIsTheOneJavaBeansFindsForItsSetter() {
        for (OptionDef<?> option : registry.all()) {
            String property = option.propertyName();
            String setterSuffix = Character.toUpperCase(property.charAt(0)) + property.substring(1);
            assertEquals(property, Introspector.decapitalize(setterSuffix), option.name());
            assertTrue(property.matches("[a-z][A-Za-z0-9]*"), property);
        }
    }
}
