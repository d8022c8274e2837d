package org.mtalistener.conf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conf files the project ships (conf/ecelerity.conf, which ./mvnw -Prun runs, and conf/examples/, which
 * ./mvnw -Prun -Dconf=... runs): each loads without errors or notices and binds loopback only.
 */
class ShippedConfsTest {

    static Stream<Path> shipped() throws IOException {
        try (Stream<Path> examples = Files.list(Path.of("examples"))) {
            return Stream.concat(Stream.of(Path.of("ecelerity.conf")),
                    examples.filter(f -> f.toString().endsWith(".conf")).sorted().toList().stream());
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void loadsCleanlyAndListensOnLoopbackOnly(Path file) throws Exception {
        Configuration configuration = ConfLoader.load(file);
        assertEquals(List.of(), configuration.notices());
        assertFalse(configuration.sockets().isEmpty());
        for (Socket socket : configuration.sockets()) {
            assertTrue(socket.listen().address().isLoopback(), socket.name() + " in " + file);
        }
    }
}
