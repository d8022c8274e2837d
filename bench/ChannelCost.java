import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * What a bare Netty channel costs the heap: a server on 127.0.0.1:PORT whose only handler (one, shared) greets each
 * connection with a 220 line, on JDK NIO or on Linux's epoll. Prints "ready BYTES" (the heap in use after full GCs),
 * then "used BYTES" for each line read from standard input, until "quit". Run by bench/channel-cost.sh.
 *
 * <pre>java -cp NETTY_JARS bench/ChannelCost.java nio|epoll PORT</pre>
 *
 * (The event loop groups of Netty 4.1, still in 4.2, so that one source runs against both.)
 */
public final class ChannelCost {

    @ChannelHandler.Sharable
    static final class Greeting extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.copiedBuffer("220 channel cost\r\n", StandardCharsets.US_ASCII));
        }
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @SuppressWarnings("deprecation")
    public static void main(String[] args) throws Exception {
        boolean epoll = args[0].equals("epoll");
        if (epoll && !Epoll.isAvailable()) {
            throw new IllegalStateException("no epoll here", Epoll.unavailabilityCause());
        }
        EventLoopGroup loops = epoll ? new EpollEventLoopGroup(2) : new NioEventLoopGroup(2);
        Channel server = new ServerBootstrap().group(loops)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childHandler(new Greeting()).bind("127.0.0.1", Integer.parseInt(args[1])).sync().channel();
        System.out.println("ready " + heapAfterGc());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
            System.out.println("used " + heapAfterGc());
        }
        server.close().sync();
        loops.shutdownGracefully().sync();
    }
}
