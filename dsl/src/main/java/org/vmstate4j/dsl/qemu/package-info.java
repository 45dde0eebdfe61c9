/**
 * QEMU 7.2 device state descriptions (pc-i440fx-7.2 machine) declared with the DSL, one small
 * class per description with public mutable fields, gathered in {@link
 * org.vmstate4j.dsl.qemu.QemuDevices}. Their saves reproduce QEMU's wire bytes and JSON
 * descriptions ("vmdesc").
 *
 * <pre>{@code
 * I8259 pic = new I8259();
 * VmState.load(I8259.VMSD, pic, sectionData);
 * byte[] again = VmState.save(I8259.VMSD, pic);
 * }</pre>
 */
@NullMarked
package org.vmstate4j.dsl.qemu;

import org.jspecify.annotations.NullMarked;
