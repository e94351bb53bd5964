package dev.plugboard.runtime;

import ai.djl.Device;

import org.junit.jupiter.api.Test;

import dev.plugboard.runtime.encoder.Devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevicesTests {

	@Test
	void cudaIsUsedOnlyWhenPresentAndRequested() {
		assertThat(Devices.choose("auto", 0)).isEqualTo(Device.cpu());
		assertThat(Devices.choose("cuda", 0)).isEqualTo(Device.cpu());
		assertThat(Devices.choose("cpu", 2)).isEqualTo(Device.cpu());
		assertThat(Devices.choose("auto", 1)).isEqualTo(Device.gpu(0));
		assertThat(Devices.choose("CUDA", 1)).isEqualTo(Device.gpu(0));
		assertThatThrownBy(() -> Devices.choose("tpu", 0)).hasMessageContaining("auto, cpu or cuda");
	}

	@Test
	void thisMachineRunsOnTheCpu() {
		assertThat(Devices.choose("auto")).isEqualTo(Device.cpu());
	}

}
