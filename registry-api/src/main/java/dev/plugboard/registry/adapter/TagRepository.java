package dev.plugboard.registry.adapter;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.query.Param;

interface TagRepository extends CrudRepository<Tag, Long> {

	Optional<Tag> findByAdapterIdAndName(Long adapterId, String name);

	/** Tag → version in one query: listing repositories shows every repository's refs. */
	@Query("select t.name as name, v.version as version from Tag t, AdapterVersion v"
			+ " where v.id = t.versionId and t.adapterId = :adapterId order by t.name")
	List<TagVersion> tagVersions(@Param("adapterId") Long adapterId);

	interface TagVersion {

		String getName();

		String getVersion();

	}

}
