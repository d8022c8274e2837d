package org.mtalistener.control;

import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioChannelOption;
import java.util.logging.Level;
import java.util.logging.Logger;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The operating-system user on the other end of a Unix socket (SO_PEERCRED), as Momentum's console authenticates
 * Unix socket clients. The file mode of the socket decides who may connect; this names who did.
 */
final class PeerUser {

    private static final Logger LOG = Logger.getLogger(PeerUser.class.getName());
    /** When the system does not tell: the session still runs, under a name no role file should grant. */
    static final String UNKNOWN = "unknown-unix-user";

    private PeerUser() {
    }

    static String of(Channel channel) {
        try {
            UnixDomainPrincipal principal =
                    channel.config().getOption(NioChannelOption.of(ExtendedSocketOptions.SO_PEERCRED));
            return principal != null ? principal.user().getName() : UNKNOWN;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "SO_PEERCRED is not available", e);
            return UNKNOWN;
        }
    }
}
