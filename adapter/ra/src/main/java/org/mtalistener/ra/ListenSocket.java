package org.mtalistener.ra;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mtalistener.conf.values.ListenAddress;
import org.mtalistener.net.UnixSocketFile;

/**
 * The listening socket of one activation: bound, closed and bound again (Enable from the console or JMX), with its
 * file when it is a Unix socket. Binding never blocks the caller; failures are logged with the address and the MDB.
 */
final class ListenSocket {

    private static final Logger LOG = Logger.getLogger(ListenSocket.class.getName());

    private final String name;
    private final String mdb;
    private final ListenAddress listen;
    private final ServerBootstrap bootstrap;
    private final Executor fileSystem;
    private final BooleanSupplier wanted;
    private volatile Channel channel;
    private volatile boolean listening;

    /**
     * @param fileSystem where the socket file's mode is set and the file removed: never an event loop
     * @param wanted     whether the socket should still be open when a bind completes (Enable, not stopped)
     */
    ListenSocket(String name, String mdb, ListenAddress listen, ServerBootstrap bootstrap, Executor fileSystem,
                 BooleanSupplier wanted) {
        this.name = name;
        this.mdb = mdb;
        this.listen = listen;
        this.bootstrap = bootstrap;
        this.fileSystem = fileSystem;
        this.wanted = wanted;
    }

    /** Starts binding with these settings (a Unix socket then gets {@code fileMode}); returns at once. */
    void bind(int backlog, int fileMode) {
        bootstrap.option(ChannelOption.SO_BACKLOG, backlog);
        SocketAddress address;
        if (listen.kind() == ListenAddress.Kind.UNIX) {
            try {
                UnixSocketFile.prepare(listen.unixPath());
            } catch (IOException e) {
                cannotListen(e.getMessage());
                return;
            }
            address = UnixDomainSocketAddress.of(listen.unixPath());
        } else {
            address = listen.toSocketAddress();
        }
        bootstrap.bind(address).addListener((ChannelFuture bound) -> {
            if (!bound.isSuccess()) {
                cannotListen(bound.cause().getMessage() + " (is another server using it?)");
                return;
            }
            if (!wanted.getAsBoolean()) {
                bound.channel().close(); // switched off (or stopped) while binding
                return;
            }
            channel = bound.channel();
            if (listen.kind() == ListenAddress.Kind.UNIX) {
                fileSystem.execute(() -> applyFileMode(fileMode)); // file system work stays off the event loop
            } else {
                nowListening();
            }
        });
    }

    /**
     * Closes the socket (and removes its file); the sessions it accepted go on.
     *
     * @param wait whether to wait for the close: stopping does, a console switch returns at once
     */
    void close(boolean wait) {
        listening = false;
        Channel server = channel;
        channel = null;
        if (server == null) {
            return;
        }
        if (wait) {
            server.close().syncUninterruptibly();
            removeFile();
        } else {
            server.close().addListener(closed -> fileSystem.execute(this::removeFile));
        }
    }

    /** Whether the socket is bound and accepting (a Unix socket once its File_Mode is set). */
    boolean listening() {
        Channel server = channel;
        return listening && server != null && server.isActive();
    }

    private void applyFileMode(int fileMode) {
        try {
            UnixSocketFile.setMode(listen.unixPath(), fileMode);
            nowListening();
        } catch (IOException e) {
            cannotListen("cannot set File_Mode " + Integer.toOctalString(fileMode) + ": " + e);
            channel.close();
        }
    }

    private void removeFile() {
        if (listen.kind() == ListenAddress.Kind.UNIX) {
            try {
                UnixSocketFile.remove(listen.unixPath());
            } catch (IOException e) {
                LOG.warning(() -> name + ": cannot remove the socket file: " + e);
            }
        }
    }

    private void nowListening() {
        listening = true;
        LOG.info(() -> name + ": listening on " + channel.localAddress() + ", delivering to " + mdb);
    }

    private void cannotListen(String why) {
        LOG.log(Level.SEVERE, name + ": cannot listen on " + listen + ": " + why + "; " + mdb
                + " receives nothing from this socket");
    }
}
