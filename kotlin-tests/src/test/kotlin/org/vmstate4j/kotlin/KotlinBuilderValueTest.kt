package org.vmstate4j.kotlin

import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.Test
import org.vmstate4j.dsl.VmsdDsl.field
import org.vmstate4j.dsl.VmsdDsl.vmsd
import org.vmstate4j.engine.DescriptionException
import org.vmstate4j.engine.state.VmState

class Holder {
    var n: Int = 3
    var queues: Array<Queue?> = arrayOfNulls(3)
}

/** The design card's line from Kotlin, and specs and builders as values. */
class KotlinBuilderValueTest {
    @Test
    fun `the design card line describes a sparse uint32-counted pointer array`() {
        val d = vmsd("holder", Holder::class.java)
            .fields(field("n").uint32(), field("queues").varrayUint32("n").ofPointers().autoAlloc(Queue.VMSD))
            .build()
        val h = Holder().apply { queues[1] = Queue().apply { qid = 1; head = 2; dmaAddr = 3 } }
        val bytes = VmState.save(d, h)
        assertThat(bytes.joinToString("") { "%02x".format(it) }).isEqualTo(
            "00000003" + "30" + "31" + "0001" + "00000002" + "0000000000000003" + "30")
        val back = Holder()
        VmState.load(d, back, bytes)
        assertThat(back.queues[0]).isNull()
        assertThat(back.queues[1]!!.dmaAddr).isEqualTo(3)
        assertThat(d.type()).isEqualTo(Holder::class.java)
    }

    @Test
    fun `a spec and a builder are not changed by the calls made on them`() {
        val count = field("n")
        val template = vmsd("holder", Holder::class.java).version(2)
        val wide = template.fields(count.uint32()).build()
        val narrow = template.fields(count.uint8()).build()
        assertThat(VmState.save(wide, Holder())).hasSize(4)
        assertThat(VmState.save(narrow, Holder())).hasSize(1)
        assertThat(template.build().fields()).isEmpty()
    }

    @Test
    fun `a second wire type fails at build`() {
        assertThatThrownBy { vmsd("holder", Holder::class.java).fields(field("n").uint32().bool()).build() }
            .isInstanceOf(DescriptionException::class.java)
            .hasMessage("description 'holder', field 'n': two wire types, uint32() then bool(): a field has one")
    }
}
