package org.mtalistener.conf.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtalistener.conf.model.ConfLoader;
import org.mtalistener.conf.model.Configuration;
import org.mtalistener.conf.parse.ConfError;
import org.mtalistener.conf.parse.ConfException;
import org.mtalistener.conf.parse.ConfFile;
import org.mtalistener.conf.parse.ConfParser;

/**
 * The Momentum 2.x form of a setup and its hand-written Momentum 4 form (the pairs of the parser's examples) map to
 * the same descriptors, byte for byte: what an operator deploys does not depend on the syntax they wrote.
 */
class EquivalentSyntaxesTest {

    /** The name both forms are read under, so that the descriptors' header comments agree too. */
    private static final Path SOURCE = Path.of("ecelerity.conf");

    static Stream<Path> pairs() throws IOException {
        try (Stream<Path> files = Files.list(Mapped.resources("equivalent"))) {
            return files.filter(f -> f.toString().endsWith(".conf")).sorted().toList().stream();
        }
    }

    /**
     * Everything the mapper writes for one file, or the messages that stop it (positions differ between forms). The
     * notices the reading gives are left out: they say where the 2.x form meant something else in 2.x, which only
     * that form can.
     */
    private static String mapped(Path file) throws IOException {
        Configuration configuration;
        List<String> readingNotices;
        try {
            ConfFile parsed = ConfParser.parse(Files.readString(file), SOURCE);
            readingNotices = parsed.notices();
            configuration = ConfLoader.read(parsed);
        } catch (ConfException e) {
            return "refused: " + e.errors().stream().map(ConfError::message).toList();
        }
        List<String> skipped = new ArrayList<>();
        List<Activations.Activation> activations = Activations.of(configuration, Mapped.MDB, Mapped.CONSOLE, skipped);
        String source = configuration.source();
        return Descriptors.ejbJar(activations, source)
                + Descriptors.glassfish(activations, Mapped.BINDING, source)
                + Descriptors.jboss(activations, Mapped.BINDING, source)
                + "skipped: " + skipped + "\nnotices: "
                + configuration.notices().stream().filter(notice -> !readingNotices.contains(notice)).toList();
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void bothFormsMapToIdenticalDescriptors(Path momentum4) throws IOException {
        Path legacy = Mapped.resources("examples").resolve(momentum4.getFileName());
        assertEquals(mapped(momentum4), mapped(legacy));
    }

    @Test
    void thePairsAreNotTriviallyEqual() throws IOException {
        // most pairs have an ESMTP Listen, one a Peer ACL with honoured options; two are refused (a socket written
        // twice)
        List<String> all = new ArrayList<>();
        for (Path pair : pairs().toList()) {
            all.add(mapped(pair));
        }
        assertEquals(19, all.size());
        assertTrue(all.stream().filter(m -> m.contains("<message-driven>")).count() >= 10, all.toString());
        assertTrue(all.stream().filter(m -> m.contains(Activations.LISTEN_PEERS)).count() >= 1, all.toString());
        assertEquals(2, all.stream().filter(m -> m.startsWith("refused: ")).count());
    }

    @Test
    void personalityKeysIn2xSpellingAndAliasesMapAsTheirMomentum4Names() throws Exception {
        // message_size is the 2.x name of Max_Message_Size; names are case-insensitive
        String legacy = """
                Esmtp_Listener = (
                  127.0.0.1:25,100~2 [
                    10.0.0.0/8 = ( personality [ message_size = 1000  IDLE_TIME = 30 ] continue )
                  ]
                )
                """;
        String momentum4 = """
                ESMTP_Listener {
                  Listen "127.0.0.1:25" {
                    Listen_Backlog = 100
                    Concurrency = 2
                    Peer "10.0.0.0/8" { Max_Message_Size = 1000  Idle_Time = 30  Continue = true }
                  }
                }
                """;
        List<Activations.Activation> a = Activations.of(ConfLoader.read(ConfParser.parse(legacy, SOURCE)),
                Mapped.MDB, new ArrayList<>());
        List<Activations.Activation> b = Activations.of(ConfLoader.read(ConfParser.parse(momentum4, SOURCE)),
                Mapped.MDB, new ArrayList<>());
        assertEquals(Descriptors.ejbJar(b, "ecelerity.conf"),
                Descriptors.ejbJar(a, "ecelerity.conf"));
        assertEquals("Peer \"10.0.0.0/8\" { Max_Message_Size = 1000 Idle_Time = 30 }",
                a.get(0).properties().get(Activations.LISTEN_PEERS));
    }

    @Test
    void the2xAclOfTheSeedMapsItsHonouredOptions() throws IOException {
        String mapped = mapped(Mapped.resources("examples").resolve("seed004-04-esmtp-listener-acls.conf"));
        // (Static_Banner, written last, joins them once the adapter honours it)
        assertTrue(mapped.contains("<activation-config-property-value>Peer &quot;0.0.0.0/0&quot; { Idle_Time = 300 "
                + "Banner_Hostname = example.com Received_Hostname = mx-0-1.example.com "), mapped);
    }
}
