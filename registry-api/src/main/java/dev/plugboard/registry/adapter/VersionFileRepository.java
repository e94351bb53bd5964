package dev.plugboard.registry.adapter;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.query.Param;

interface VersionFileRepository extends CrudRepository<VersionFile, Long> {

	List<VersionFile> findByVersionIdOrderByPathAsc(Long versionId);

	List<VersionFile> findByVersionIdInOrderByPathAsc(Collection<Long> versionIds);

	Optional<VersionFile> findByVersionIdAndPath(Long versionId, String path);

	List<VersionFile> findBySha256OrderByIdAsc(String sha256);

	boolean existsByBlobKey(String blobKey);

	@Modifying
	@Query("update VersionFile f set f.downloads = f.downloads + 1 where f.id = :id")
	void countDownload(@Param("id") Long id);

}
