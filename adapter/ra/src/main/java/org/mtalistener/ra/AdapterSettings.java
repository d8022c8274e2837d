package org.mtalistener.ra;

import java.nio.file.Path;

/** The resource adapter's own settings, shared by all its activations. */
record AdapterSettings(Path spillDirectory, int contentMemoryLimit) {
}
