package dev.plugboard.registry.adapter;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.query.Param;

interface AdapterVersionRepository extends CrudRepository<AdapterVersion, Long> {

	Optional<AdapterVersion> findByAdapterIdAndVersion(Long adapterId, String version);

	List<AdapterVersion> findByAdapterIdOrderByCreatedAtDescIdDesc(Long adapterId);

	/** {@code latest}: the newest published version that is not yanked. */
	Optional<AdapterVersion> findFirstByAdapterIdAndStatusOrderByCreatedAtDescIdDesc(Long adapterId, String status);

	@Modifying
	@Query("update AdapterVersion v set v.downloads = v.downloads + 1 where v.id = :id")
	void countDownload(@Param("id") Long id);

}
