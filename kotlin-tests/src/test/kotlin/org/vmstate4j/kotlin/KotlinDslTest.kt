package org.vmstate4j.kotlin

import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.Test
import org.vmstate4j.dsl.VmsdDsl.field
import org.vmstate4j.dsl.VmsdDsl.vmsd
import org.vmstate4j.engine.VmStateLoadException
import org.vmstate4j.engine.io.VmInput
import org.vmstate4j.engine.model.VmStateDescription
import org.vmstate4j.engine.state.VmState

/** Kotlin classes with `var` properties: their backing fields bind by name. */
class Queue {
    var qid: Int = 0
    var head: Long = 0
    var dmaAddr: Long = 0

    companion object {
        val VMSD: VmStateDescription = vmsd("k-queue", Queue::class.java)
            .version(1)
            .fields(field("qid").uint16(), field("head").uint32(), field("dma_addr").uint64())
            .build()
    }
}

class Device {
    var enabled: Boolean = false
    var regs: IntArray = IntArray(3)
    var n: Int = 4
    var samples: IntArray = IntArray(4)
    var queues: Array<Queue?> = arrayOfNulls(4)
    var main: Queue = Queue()
    var extra: Long = 0
    var hasExtra: Boolean = false
    var added: Int = 0

    companion object {
        val EXTRA: VmStateDescription = vmsd("k-dev/extra", Device::class.java)
            .version(1)
            .needed { it.hasExtra }
            .fields(field("extra").uint64())
            .build()

        val V2: VmStateDescription = vmsd("k-dev", Device::class.java)
            .version(2)
            .minimumVersion(1)
            .fields(
                field("enabled").bool(),
                field("regs").array(3).uint32(),
                field("n").uint32(),
                field("samples").varrayUint32("n").int32(),
                field("queues").varrayUint32("n").ofPointers().autoAlloc(Queue.VMSD),
                field("main").struct(Queue.VMSD),
                field("added").uint32().since(2),
            )
            .subsections(EXTRA)
            .postLoad { dev, version -> if (version < 2) dev.added = -1 }
            .build()
    }
}

class KotlinDslTest {
    private fun sample(): Device = Device().apply {
        enabled = true
        regs = intArrayOf(1, 2, 3)
        samples = intArrayOf(-1, 0, 1, 2)
        queues[1] = Queue().apply { qid = 1; head = 7; dmaAddr = 0x1000 }
        queues[3] = Queue().apply { qid = 3; head = 9; dmaAddr = 0x2000 }
        main.qid = 9
        added = 5
    }

    @Test
    fun `scalar, array, varray, struct and version gate round-trip`() {
        val src = sample()
        val bytes = VmState.save(Device.V2, src)
        val dst = Device()
        VmState.load(Device.V2, dst, bytes)
        assertThat(dst.enabled).isTrue()
        assertThat(dst.regs).containsExactly(1, 2, 3)
        assertThat(dst.samples).containsExactly(-1, 0, 1, 2)
        assertThat(dst.main.qid).isEqualTo(9)
        assertThat(dst.added).isEqualTo(5)
    }

    @Test
    fun `pointer array with AUTO_ALLOC allocates only populated slots`() {
        val bytes = VmState.save(Device.V2, sample())
        val dst = Device()
        VmState.load(Device.V2, dst, bytes)
        assertThat(dst.queues[0]).isNull()
        assertThat(dst.queues[2]).isNull()
        assertThat(dst.queues[1]!!.head).isEqualTo(7)
        assertThat(dst.queues[3]!!.dmaAddr).isEqualTo(0x2000)
    }

    @Test
    fun `subsection travels only when needed`() {
        val src = sample().apply { hasExtra = true; extra = 42 }
        val withSub = VmState.save(Device.V2, src)
        val without = VmState.save(Device.V2, sample())
        assertThat(withSub.size - without.size).isEqualTo(1 + 1 + "k-dev/extra".length + 4 + 8)
        val dst = Device()
        VmState.load(Device.V2, dst, withSub)
        assertThat(dst.extra).isEqualTo(42)
    }

    @Test
    fun `a version 1 stream loads into the version 2 description`() {
        val v1 = vmsd("k-dev", Device::class.java)
            .version(1)
            .fields(
                field("enabled").bool(),
                field("regs").array(3).uint32(),
                field("n").uint32(),
                field("samples").varrayUint32("n").int32(),
                field("queues").varrayUint32("n").ofPointers().autoAlloc(Queue.VMSD),
                field("main").struct(Queue.VMSD),
            )
            .build()
        val bytes = VmState.save(v1, sample())
        val dst = Device()
        VmState.load(Device.V2, dst, VmInput.of(bytes), 1)
        assertThat(dst.added).isEqualTo(-1)
        assertThat(dst.queues[1]!!.qid).isEqualTo(1)
        assertThatThrownBy { VmState.load(v1, Device(), VmInput.of(VmState.save(Device.V2, sample())), 2) }
            .isInstanceOf(VmStateLoadException::class.java)
            .hasMessageContaining("incoming version_id 2 is too new for local version_id 1")
    }
}
