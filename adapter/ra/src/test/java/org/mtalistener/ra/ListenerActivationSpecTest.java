package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.InvalidPropertyException;
import java.beans.PropertyDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtalistener.smtp.SmtpSettings;

class ListenerActivationSpecTest {

    @Test
    void defaultsWithAListenAddressAreValid() throws Exception {
        ListenerActivationSpec spec = spec(s -> { });
        assertDoesNotThrow(spec::validate);
        SmtpSettings smtp = ActivationConfig.of(spec).clients().withoutPeer().smtp();
        assertEquals("ESMTP_Listener 127.0.0.1:2525", smtp.listenerName());
        assertEquals(50L << 20, smtp.maxMessageSize());
        assertEquals(Duration.ofSeconds(300), smtp.idleTime());
        assertEquals(smtp.bannerHostname(), smtp.receivedHostname());
    }

    @Test
    void receivedHostnameFallsBackToBannerHostname() throws Exception {
        SmtpSettings smtp = ActivationConfig.of(spec(s -> s.setBannerHostname("mx.example.test"))).clients()
                .withoutPeer().smtp();
        assertEquals("mx.example.test", smtp.bannerHostname());
        assertEquals("mx.example.test", smtp.receivedHostname());
    }

    @Test
    void everyBadValueNamesItsProperty() {
        assertInvalid("listen", s -> s.setListen(null), "required");
        assertInvalid("listen", s -> s.setListen("127.0.0.1"), "is not a listen address");
        assertInvalid("listen", s -> s.setListen("mail.example.test:25"), "\"mail.example.test:25\"");
        assertInvalid("listenerType", s -> s.setListenerType("LMTP_Listener"), "expected ESMTP_Listener");
        assertInvalid("listenBacklog", s -> s.setListenBacklog(0), "Listen_Backlog: 0 is out of range (use 1 to 65535)");
        assertInvalid("idleTime", s -> s.setIdleTime(-1), "Idle_Time: ");
        assertInvalid("maxMessageSize", s -> s.setMaxMessageSize(-5), "Max_Message_Size: ");
        assertInvalid("maxConcurrentDeliveries", s -> s.setMaxConcurrentDeliveries(0), "Max_Concurrent_Deliveries: ");
        assertInvalid("bannerHostname", s -> s.setBannerHostname("two words"), "Banner_Hostname: ");
        assertInvalid("staticBanner", s -> s.setStaticBanner("hello"), "Static_Banner: ");
    }

    @Test
    void everyBadPropertyIsReportedAtOnce() {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, spec(s -> {
            s.setListenerType("LMTP_Listener");
            s.setMaxMessageSize(-5);
            s.setIdleTime(-1);
            s.setRelayHosts("( \"10.0.0.0/33\" )");
            s.setBannerHostname("two words");
            s.setListenPeers("Peer \"10.0.0.0/8\" { Idle_Tme = 30 }");
        })::validate);
        String message = e.getMessage();
        assertTrue(message.startsWith("MTA listener activation: 6 properties are invalid: "), message);
        for (String expected : List.of("listenerType = \"LMTP_Listener\": expected ESMTP_Listener",
                "maxMessageSize = \"-5\": Max_Message_Size: -5 is out of range (use 0 or more)",
                "idleTime = \"-1\": Idle_Time: -1 is out of range",
                "relayHosts = \"( \"10.0.0.0/33\" )\": Relay_Hosts: ",
                "bannerHostname = \"two words\": Banner_Hostname: \"two words\" is not a host name",
                "listenPeers = \"Peer \"10.0.0.0/8\" { Idle_Tme = 30 }\": ")) {
            assertTrue(message.contains(expected), expected + " in " + message);
        }
        assertEquals(List.of("listenerType", "bannerHostname", "idleTime", "maxMessageSize", "relayHosts",
                        "listenPeers"),
                Arrays.stream(e.getInvalidPropertyDescriptors()).map(PropertyDescriptor::getName).toList());
    }

    @Test
    void digestMd5StoredCleartextMustAgreeWithTheStore(@TempDir Path dir) throws Exception {
        Path passwd = Files.writeString(dir.resolve("passwd"), "alice:s3cret\n");
        Path htdigest = Files.writeString(dir.resolve("htdigest"),
                "alice:mx.test:0123456789abcdef0123456789abcdef\n");
        assertDoesNotThrow(spec(s -> s.setAuthDigestMD5Parameters("[ uri = \"digest://" + htdigest
                + "\" realm = mx.test ]"))::validate);
        assertDoesNotThrow(spec(s -> s.setAuthDigestMD5Parameters("[ uri = \"file://" + passwd
                + "\" stored_cleartext = \"true\" ]"))::validate);
        assertInvalid("authDigestMD5Parameters", s -> s.setAuthDigestMD5Parameters("[ uri = \"digest://" + htdigest
                + "\" stored_cleartext = true ]"), "stored_cleartext = true needs a clear-text store");
        assertInvalid("authDigestMD5Parameters", s -> s.setAuthDigestMD5Parameters("[ uri = \"file://" + passwd
                + "\" stored_cleartext = false ]"), "stored_cleartext = false needs an htdigest store");
        assertInvalid("authDigestMD5Parameters", s -> s.setAuthDigestMD5Parameters("[ uri = \"file://" + passwd
                + "\" stored_cleartext = yes ]"), "expected true or false");
    }

    @Test
    void listenerTypeIsCaseInsensitiveAsInEcelerityConf() {
        assertDoesNotThrow(spec(s -> s.setListenerType("esmtp_listener"))::validate);
    }

    private static void assertInvalid(String property, Consumer<ListenerActivationSpec> change, String expected) {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, spec(change)::validate);
        assertTrue(e.getMessage().startsWith("MTA listener activation property " + property + " = "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static ListenerActivationSpec spec(Consumer<ListenerActivationSpec> change) {
        ListenerActivationSpec spec = new ListenerActivationSpec();
        spec.setListen("127.0.0.1:2525");
        change.accept(spec);
        return spec;
    }
}
