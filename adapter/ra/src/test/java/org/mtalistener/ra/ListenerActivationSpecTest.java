package org.mtalistener.ra;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.InvalidPropertyException;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mtalistener.smtp.SmtpSettings;

class ListenerActivationSpecTest {

    @Test
    void defaultsWithAListenAddressAreValid() throws Exception {
        ListenerActivationSpec spec = spec(s -> { });
        assertDoesNotThrow(spec::validate);
        SmtpSettings smtp = spec.smtpSettings();
        assertEquals("ESMTP_Listener 127.0.0.1:2525", smtp.listenerName());
        assertEquals(50L << 20, smtp.maxMessageSize());
        assertEquals(Duration.ofSeconds(300), smtp.idleTime());
        assertEquals(smtp.bannerHostname(), smtp.receivedHostname());
    }

    @Test
    void receivedHostnameFallsBackToBannerHostname() throws Exception {
        SmtpSettings smtp = spec(s -> s.setBannerHostname("mx.example.test")).smtpSettings();
        assertEquals("mx.example.test", smtp.bannerHostname());
        assertEquals("mx.example.test", smtp.receivedHostname());
    }

    @Test
    void everyBadValueNamesItsProperty() {
        assertInvalid("listen", s -> s.setListen(null), "required");
        assertInvalid("listen", s -> s.setListen("127.0.0.1"), "is not a listen address");
        assertInvalid("listen", s -> s.setListen("mail.example.test:25"), "\"mail.example.test:25\"");
        assertInvalid("listenerType", s -> s.setListenerType("LMTP_Listener"), "expected ESMTP_Listener");
        assertInvalid("listenBacklog", s -> s.setListenBacklog(0), "must be 1 or more");
        assertInvalid("idleTime", s -> s.setIdleTime(-1), "must be 0 or more");
        assertInvalid("maxMessageSize", s -> s.setMaxMessageSize(-5), "must be 0 or more");
        assertInvalid("maxConcurrentDeliveries", s -> s.setMaxConcurrentDeliveries(0), "must be 1 or more");
        assertInvalid("bannerHostname", s -> s.setBannerHostname("two words"), "host name");
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
