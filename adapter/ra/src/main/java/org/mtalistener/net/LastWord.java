package org.mtalistener.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;

/**
 * Closes a connection once its last word is written, the way the JDK's NIO closes a socket: the output is shut
 * first (after TLS's close_notify), so the reply and then the end of the stream reach the client before the close.
 * On Netty's epoll a plain close of a socket whose client already sent more (one that talks past a refusal) resets
 * the connection at once, and the client's system may drop the reply unread.
 */
public final class LastWord {

    /** Add to the write of the last word. */
    public static final ChannelFutureListener THEN_CLOSE = LastWord::close;

    private LastWord() {
    }

    private static void close(ChannelFuture written) {
        Channel channel = written.channel();
        if (!written.isSuccess() || !(channel instanceof DuplexChannel duplex) || duplex.isOutputShutdown()) {
            channel.close();
            return;
        }
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            shutThenClose(duplex);
        } else {
            tls.closeOutbound().addListener(notified -> shutThenClose(duplex));
        }
    }

    private static void shutThenClose(DuplexChannel channel) {
        channel.shutdownOutput().addListener(shut -> channel.close());
    }
}
