package org.vmstate4j.kotlin

import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.assertj.core.api.Assertions.catchThrowableOfType
import org.junit.jupiter.api.Test
import org.vmstate4j.dsl.VmsdDsl.field
import org.vmstate4j.dsl.VmsdDsl.validate
import org.vmstate4j.dsl.VmsdDsl.vmsd
import org.vmstate4j.engine.DescriptionException
import org.vmstate4j.engine.VmStateLoadException
import org.vmstate4j.engine.VmStateSaveException
import org.vmstate4j.engine.state.VmState

class Regs {
    var a: Int = 1
    var c: Int = 2
    var skip: Boolean = false
}

class Other {
    var skip: Boolean = false
    var v: Int = 0
}

/** Subsections and tests written for another class, from Kotlin. */
class KotlinClassMismatchTest {
    private val regs = Regs::class.java.name
    private val other = Other::class.java.name

    @Test
    fun `a subsection built for another class is rejected by build`() {
        val sub = vmsd("regs/sub", Other::class.java)
            .needed { !it.skip }
            .fields(field("v").uint32())
            .build()
        assertThatThrownBy { vmsd("regs", Regs::class.java).fields(field("a").uint32()).subsections(sub).build() }
            .isInstanceOf(DescriptionException::class.java)
            .hasMessageStartingWith("description 'regs', subsection 'regs/sub': built for $other")
            .hasMessageContaining("'regs' describes $regs")
    }

    @Test
    fun `typed existsIf and validate for another class are rejected by build`() {
        assertThatThrownBy {
            vmsd("regs", Regs::class.java)
                .fields(field("a").uint32(), field("c").uint32().existsIf(Other::class.java) { o, _ -> !o.skip })
                .build()
        }
            .isInstanceOf(DescriptionException::class.java)
            .hasMessage("description 'regs', field 'c': the existsIf test is written for $other, but description 'regs' describes $regs")
        assertThatThrownBy {
            vmsd("regs", Regs::class.java)
                .fields(field("a").uint32(), validate("sane", Other::class.java) { !it.skip })
                .build()
        }
            .isInstanceOf(DescriptionException::class.java)
            .hasMessageContaining("field 'sane': the validate test is written for $other")

        // typed for the description's own class: built, and the test runs
        val ok = vmsd("regs", Regs::class.java)
            .fields(field("a").uint32(), field("c").uint32().existsIf(Regs::class.java) { r, _ -> !r.skip })
            .build()
        assertThat(VmState.save(ok, Regs().apply { skip = true })).hasSize(4)
    }

    @Test
    fun `an erased existsIf for another class fails at its field with offset and both classes`() {
        val d = vmsd("regs", Regs::class.java)
            .fields(field("a").uint32(), field("c").uint32().existsIf { o: Other, _: Int -> !o.skip })
            .build()
        val s = catchThrowableOfType(VmStateSaveException::class.java) { VmState.save(d, Regs()) }
        assertThat(s.path()).isEqualTo("regs/c")
        assertThat(s.offset()).isEqualTo(4)
        assertThat(s.message).contains("field_exists test failed on a $regs").contains(other)

        val l = catchThrowableOfType(VmStateLoadException::class.java) { VmState.load(d, Regs(), ByteArray(8)) }
        assertThat(l.path()).isEqualTo("regs/c")
        assertThat(l.offset()).isEqualTo(4)
        assertThat(l.message).contains(regs).contains(other)
    }
}
