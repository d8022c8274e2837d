package org.mtalistener.ecstream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayList;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.mtalistener.net.PausableDecoder;
import java.util.Map;
import org.mtalistener.ecstream.PayloadReader.MalformedPayload;

/**
 * Frames ECStream input: emits one {@link ClientFrame} per frame, except DATA, whose payload is emitted as retained
 * {@code ByteBuf} slices as soon as bytes arrive. A DATA frame is never held whole, so the memory this decoder
 * keeps is at most one non-DATA frame (1 MiB), whatever the size of the messages.
 *
 * <p>Emits one item per {@link #decode} call, so a session that {@link #pause()}s in reaction to it stops the very
 * next frame from being decoded; input kept meanwhile is decoded on {@link #resume()}. After a
 * {@link ClientFrame.Malformed} it emits nothing more and discards all input.
 */
final class EcstreamDecoder extends PausableDecoder {

    /** Payload bytes of the current DATA frame not yet emitted. */
    private long dataLeft;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!mayDecode(in)) {
            return;
        }
        if (dataLeft > 0) {
            int n = (int) Math.min(dataLeft, in.readableBytes());
            dataLeft -= n;
            out.add(in.readRetainedSlice(n));
            return;
        }
        if (in.readableBytes() < Wire.HEADER) {
            return;
        }
        int start = in.readerIndex();
        int type = in.getUnsignedByte(start);
        long length = in.getUnsignedInt(start + 1);
        if (length > Wire.MAX_FRAME) {
            fail(in, out, Wire.Problem.FRAME_TOO_LONG, "frame type " + String.format("0x%02X", type) + " declares "
                    + length + " payload bytes; the most is " + Wire.MAX_FRAME);
            return;
        }
        if (type == Wire.DATA) {
            in.skipBytes(Wire.HEADER);
            dataLeft = length;
            if (length == 0) {
                // Still a frame the session must see: out of place, even an empty DATA is an error.
                out.add(Unpooled.EMPTY_BUFFER);
            }
            return;
        }
        if (!isClientFrame(type)) {
            fail(in, out, Wire.Problem.UNKNOWN_FRAME, "frame type " + String.format("0x%02X", type)
                    + " is not a client frame of ECStream version 1");
            return;
        }
        if (in.readableBytes() < Wire.HEADER + length) {
            return;
        }
        in.skipBytes(Wire.HEADER);
        ByteBuf payload = in.readSlice((int) length);
        try {
            out.add(parse(type, new PayloadReader(payload, type)));
        } catch (MalformedPayload e) {
            fail(in, out, Wire.Problem.MALFORMED_FRAME, e.getMessage());
        }
    }

    private static boolean isClientFrame(int type) {
        return type == Wire.VERSION || type == Wire.MESSAGE || type == Wire.END || type == Wire.ABORT
                || type == Wire.QUIT;
    }

    private static ClientFrame parse(int type, PayloadReader payload) throws MalformedPayload {
        ClientFrame frame = switch (type) {
            case Wire.VERSION -> new ClientFrame.Version(payload.u16("version"));
            case Wire.MESSAGE -> message(payload);
            case Wire.END -> new ClientFrame.End(payload.u64("tag"), payload.u64("length"));
            case Wire.ABORT -> new ClientFrame.Abort(payload.u64("tag"));
            case Wire.QUIT -> new ClientFrame.Quit();
            default -> throw new IllegalStateException("not a client frame: " + type);
        };
        payload.end();
        return frame;
    }

    private static ClientFrame.MessageStart message(PayloadReader payload) throws MalformedPayload {
        long tag = payload.u64("tag");
        String sender = payload.str16("sender");
        int count = payload.u16("recipient count");
        List<String> recipients = new ArrayList<>(Math.min(count, 64));
        for (int i = 1; i <= count; i++) {
            recipients.add(payload.str16("recipient " + i));
        }
        int parameterCount = payload.u16("parameter count");
        List<Map.Entry<String, String>> parameters = new ArrayList<>(Math.min(parameterCount, 16));
        for (int i = 1; i <= parameterCount; i++) {
            String name = payload.str16("parameter " + i + " name");
            parameters.add(Map.entry(name, payload.str16("parameter " + i + " value")));
        }
        return new ClientFrame.MessageStart(tag, sender, recipients, parameters);
    }

    private void fail(ByteBuf in, List<Object> out, Wire.Problem problem, String text) {
        breakStream(in);
        out.add(new ClientFrame.Malformed(problem, text));
    }
}
