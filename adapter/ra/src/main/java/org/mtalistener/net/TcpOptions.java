package org.mtalistener.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;

/**
 * The socket options of each accepted TCP connection: Disable_Nagle_Algorithm, TCP_Recv_Buffer_Size and
 * TCP_Send_Buffer_Size. A Unix-socket connection has no TCP to tune and is left as it is.
 *
 * @param noDelay       TCP_NODELAY: replies leave at once instead of waiting for Nagle's coalescing
 * @param receiveBuffer SO_RCVBUF in bytes; 0 leaves the kernel's size (and its tuning)
 * @param sendBuffer    SO_SNDBUF in bytes; 0 leaves the kernel's size (and its tuning)
 */
public record TcpOptions(boolean noDelay, int receiveBuffer, int sendBuffer) {

    public TcpOptions {
        if (receiveBuffer < 0 || sendBuffer < 0) {
            throw new IllegalArgumentException("buffer sizes are 0 (the system's) or positive: " + receiveBuffer
                    + ", " + sendBuffer);
        }
    }

    /** Sets these options on {@code channel} if it is a TCP connection: in its initializer, before a byte is sent. */
    public void applyTo(Channel channel) {
        if (!(channel instanceof SocketChannel)) {
            return;
        }
        // Netty turns TCP_NODELAY on for every accepted socket; false has to be said, not left out.
        channel.config().setOption(ChannelOption.TCP_NODELAY, noDelay);
        if (receiveBuffer > 0) {
            channel.config().setOption(ChannelOption.SO_RCVBUF, receiveBuffer);
        }
        if (sendBuffer > 0) {
            channel.config().setOption(ChannelOption.SO_SNDBUF, sendBuffer);
        }
    }
}
