package org.vmstate4j.kotlin

import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.Test
import org.vmstate4j.engine.VmStateLoadException
import org.vmstate4j.engine.state.VmState
import org.vmstate4j.examples.NvmeLite
import org.vmstate4j.examples.NvmeLiteSq

/** The examples' nvme-lite from Kotlin: its NULL queue slots are `Array<NvmeLiteSq?>`. */
class KotlinExamplesTest {
    @Test
    fun nvmeLiteRoundTripsWithItsNullSlots() {
        val bytes = VmState.save(NvmeLite.CHECKED, NvmeLite.example())
        assertThat(bytes).hasSize(146)
        val back = NvmeLite(NvmeLite.EXAMPLE_SLOTS)
        VmState.load(NvmeLite.CHECKED, back, bytes)
        val slots: Array<NvmeLiteSq?> = back.sq
        assertThat(slots.map { it?.sqid?.toInt() }).containsExactly(0, null, 2, null)
        assertThat(back).isEqualTo(NvmeLite.example())
        // post_load linked each SQ to its CQ: SQ2 posts to CQ1
        assertThat(back.cq[1]!!.sqList).containsExactly(back.sq[2])
    }

    @Test
    fun checkedLoadRefusesAQueueWithoutItsCompletionQueue() {
        val src = NvmeLite.example()
        src.sq[2]!!.cqid = 3
        val bytes = VmState.save(NvmeLite.VMSD, src)
        assertThatThrownBy { VmState.load(NvmeLite.CHECKED, NvmeLite(NvmeLite.EXAMPLE_SLOTS), bytes) }
            .isInstanceOf(VmStateLoadException::class.java)
            .hasMessageContaining("nvme-lite/sq[2]/cqid")
    }
}
