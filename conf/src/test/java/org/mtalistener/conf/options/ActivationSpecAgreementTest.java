package org.mtalistener.conf.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.beans.Introspector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry and today's ActivationSpec tell the same story: its properties are exactly the options the registry
 * says the adapter honours, with the registry's defaults. Read from the adapter's source, since this module does not
 * depend on the adapter; when the ActivationSpec comes to take its properties from the registry this test can go.
 */
class ActivationSpecAgreementTest {

    /** From the conf module directory, where surefire runs. */
    private static final Path ACTIVATION_SPEC =
            Path.of("../adapter/ra/src/main/java/org/mtalistener/ra/ListenerActivationSpec.java");

    private static String source;

    private final OptionRegistry registry = OptionRegistry.standard();

    @BeforeAll
    static void readTheActivationSpec() throws IOException {
        assumeTrue(Files.isRegularFile(ACTIVATION_SPEC), "no ActivationSpec source at " + ACTIVATION_SPEC);
        source = Files.readString(ACTIVATION_SPEC);
    }

    @Test
    void itHasAPropertyForEveryHonouredOptionAndNoOther() {
        Set<String> properties = new TreeSet<>();
        Matcher setter = Pattern.compile("public void set([A-Z]\\w*)\\(").matcher(source);
        while (setter.find()) {
            properties.add(Introspector.decapitalize(setter.group(1)));
        }
        assertTrue(properties.containsAll(OptionRegistry.RESERVED_PROPERTIES), properties.toString());
        properties.removeAll(OptionRegistry.RESERVED_PROPERTIES);

        Set<String> honoured = new TreeSet<>();
        registry.all().stream().filter(o -> o.support().isHonoured()).forEach(o -> honoured.add(o.propertyName()));
        assertEquals(honoured, properties);
    }

    @Test
    void itsDefaultsAreTheRegistrys() {
        // fields written as: private int listenBacklog = 500;  private long maxMessageSize = 50L << 20;
        Map<String, Long> initialised = new TreeMap<>();
        Matcher field = Pattern.compile("private (?:int|long) (\\w+) = (\\d+)L?(?: << (\\d+))?;").matcher(source);
        while (field.find()) {
            int shift = field.group(3) == null ? 0 : Integer.parseInt(field.group(3));
            initialised.put(field.group(1), Long.parseLong(field.group(2)) << shift);
        }
        assertTrue(initialised.containsKey("maxMessageSize"), initialised.toString());

        Map<String, Long> expected = new TreeMap<>();
        registry.all().stream().filter(o -> initialised.containsKey(o.propertyName()))
                .forEach(o -> expected.put(o.propertyName(), (Long) o.defaultValue().orElseThrow()));
        assertEquals(expected, initialised);
    }
}
