package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.mtalistener.api.BatchMailListener;
import org.mtalistener.api.ControlListener;
import org.mtalistener.api.MailListener;
import jakarta.resource.spi.InvalidPropertyException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.conf.map.Activations;
import org.mtalistener.conf.model.ConfLoader;
import org.mtalistener.conf.options.ScopeKind;

/**
 * A Control_Listener activation as the container builds it: the mapper's properties, from a conf file, set on the
 * ActivationSpec as strings, then {@code validate()}.
 */
class ControlActivationSpecTest {

    /** Seed 004's Control_Listener as written (Momentum 2.x), with a password file of this test, and the roles. */
    private static final String CONSOLE = """
            Control_Listener = (
              /tmp/2025
              *:2025 <proto=ipv4> [
                0.0.0.0/0    = (
                  DIGEST-MD5 [
                    uri = digest://PASSWD ]
                )
              ]
            )
            Authorization {
              Role "root"  { allow = ( ".*" ) }
              Role "admin" { allow = ( "^config" "^summary$" ) }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void theSeedsConsoleValidatesFromFileToActivationSpec() throws Exception {
        Path passwd = Files.writeString(dir.resolve("console_passwd"), "admin:console:0123456789abcdef0123456789abcdef\n");
        List<ListenerActivationSpec> specs = specs(CONSOLE.replace("PASSWD", passwd.toString()));
        assertEquals(2, specs.size());
        for (ListenerActivationSpec spec : specs) {
            assertDoesNotThrow(spec::validate);
            ActivationConfig config = ActivationConfig.of(spec);
            assertEquals(ScopeKind.CONTROL_LISTENER, config.kind());
            assertEquals(60, spec.getTimeout());
            assertEquals(List.of("root", "admin"), config.authorization().roles().stream().map(r -> r.name()).toList());
            assertTrue(config.authorization().allows(List.of("admin"), "summary"));
            assertFalse(config.authorization().allows(List.of("admin"), "shutdown"));
        }
        assertEquals("Control_Listener *:2025", ActivationConfig.of(specs.get(1)).name());
    }

    @Test
    void aMissingPasswordFileFailsTheDeploymentNamingTheProperty() throws Exception {
        ListenerActivationSpec tcp = specs(CONSOLE.replace("PASSWD", dir.resolve("missing").toString())).get(1);
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, tcp::validate);
        assertTrue(e.getMessage().startsWith("MTA listener activation property listenPeers = \"Peer \"0.0.0.0/0\"\": "
                + "AuthDigestMD5Parameters: "), e.getMessage());
    }

    @Test
    void badRolesNameTheProperty() {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, () -> {
            ListenerActivationSpec spec = control();
            spec.setAuthorizationRoles("Role \"admin\" { allow = ( \"^config(\" ) }");
            spec.validate();
        });
        assertEquals("MTA listener activation property authorizationRoles = \"Role \"admin\" { allow = ( \"^config(\" ) "
                + "}\": activation property authorizationRoles:1:26: Role \"admin\": allow \"^config(\" is not a regular "
                + "expression (Unclosed group at index 8); write a Java regular expression such as \"^config\", with a "
                + "backslash before a literal ( ) [ { * + ? or \\", e.getMessage());
        InvalidPropertyException mail = assertThrows(InvalidPropertyException.class, () -> {
            ListenerActivationSpec spec = new ListenerActivationSpec();
            spec.setListen("127.0.0.1:2525");
            spec.setAuthorizationRoles("Role \"admin\" { allow = ( \"^config\" ) }");
            spec.validate();
        });
        assertTrue(mail.getMessage().contains("roles are for a Control_Listener"), mail.getMessage());
    }

    @Test
    void theConsoleOptionsAreValidatedLikeTheOthers() {
        assertThrows(InvalidPropertyException.class, () -> {
            ListenerActivationSpec spec = control();
            spec.setTimeout(-1);
            spec.validate();
        });
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, () -> {
            ListenerActivationSpec spec = control();
            spec.setAuthorizationParameters("groups:///etc/roles");
            spec.validate();
        });
        assertTrue(e.getMessage().startsWith("MTA listener activation property authorizationParameters = "),
                e.getMessage());
        // Enable_Authorization is a console option: valid in a console's Peer, not in an ESMTP one
        ListenerActivationSpec console = control();
        console.setListenPeers("Peer \"10.0.0.0/8\" { Enable_Authorization = true }");
        assertDoesNotThrow(console::validate);
        ListenerActivationSpec mail = new ListenerActivationSpec();
        mail.setListen("127.0.0.1:2525");
        mail.setListenPeers("Peer \"10.0.0.0/8\" { Enable_Authorization = true }");
        assertThrows(InvalidPropertyException.class, mail::validate);
    }

    @Test
    void aConsoleMdbMustImplementControlListener() {
        ListenerActivationSpec spec = control();
        MessageEndpointFactory mailMdb = (MessageEndpointFactory) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {MessageEndpointFactory.class},
                (proxy, method, args) -> method.getName().equals("getEndpointClass") ? MailListener.class : null);
        NotSupportedException e = assertThrows(NotSupportedException.class,
                () -> new MtaResourceAdapter().endpointActivation(mailMdb, spec));
        assertTrue(e.getMessage().startsWith("MTA listener activation property listenerType = \"Control_Listener\": "
                + MailListener.class.getName() + " does not implement " + ControlListener.class.getName()),
                e.getMessage());
    }

    @Test
    void anMdbActivatedAsABatchListenerMustBeOne() {
        ListenerActivationSpec spec = new BatchListenerActivationSpec();
        spec.setListen("127.0.0.1:2525");
        MessageEndpointFactory mailMdb = (MessageEndpointFactory) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {MessageEndpointFactory.class},
                (proxy, method, args) -> method.getName().equals("getEndpointClass") ? MailListener.class : null);
        NotSupportedException e = assertThrows(NotSupportedException.class,
                () -> new MtaResourceAdapter().endpointActivation(mailMdb, spec));
        assertTrue(e.getMessage().contains(MailListener.class.getName() + " does not implement "
                + BatchMailListener.class.getName()), e.getMessage());
    }

    private static ListenerActivationSpec control() {
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListenerType("Control_Listener");
        spec.setListen("/tmp/2025");
        return spec;
    }

    /** The activations of {@code conf}, each a spec with its properties set as a container sets them. */
    private List<ListenerActivationSpec> specs(String conf) throws Exception {
        Path file = Files.writeString(dir.resolve("ecelerity.conf"), conf);
        List<ListenerActivationSpec> specs = new ArrayList<>();
        for (Activations.Activation activation : Activations.of(ConfLoader.load(file), "a.Mail", "a.Console",
                new ArrayList<>())) {
            assertEquals("org.mtalistener.api.ControlListener", activation.messagingType());
            ListenerActivationSpec spec = new ListenerActivationSpec();
            for (Map.Entry<String, String> property : activation.properties().entrySet()) {
                set(spec, property.getKey(), property.getValue());
            }
            specs.add(spec);
        }
        return specs;
    }

    private static void set(ListenerActivationSpec spec, String name, String value) throws Exception {
        for (PropertyDescriptor p : Introspector.getBeanInfo(ListenerActivationSpec.class).getPropertyDescriptors()) {
            if (p.getName().equals(name) && p.getWriteMethod() != null) {
                Class<?> type = p.getPropertyType();
                Object typed = type == int.class ? Integer.valueOf(value) : type == long.class ? Long.valueOf(value)
                        : type == boolean.class || type == Boolean.class ? Boolean.valueOf(value) : value;
                p.getWriteMethod().invoke(spec, typed);
                return;
            }
        }
        throw new AssertionError("no property " + name + " on the ActivationSpec");
    }
}
