package org.mtalistener.ra;

import jakarta.resource.spi.Activation;
import org.mtalistener.api.BatchMailListener;

/**
 * The activation of an MDB whose message listener interface is {@link BatchMailListener} (group commit): the same
 * properties as every mail listener's; the container picks this class by the MDB's messaging type, and so tells the
 * adapter that the endpoints it makes take {@code onMessages}.
 */
@Activation(messageListeners = BatchMailListener.class)
public class BatchListenerActivationSpec extends ListenerActivationSpec {
}
