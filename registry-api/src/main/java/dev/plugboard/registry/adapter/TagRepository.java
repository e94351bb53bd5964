package dev.plugboard.registry.adapter;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.CrudRepository;

interface TagRepository extends CrudRepository<Tag, Long> {

	Optional<Tag> findByAdapterIdAndName(Long adapterId, String name);

	List<Tag> findByAdapterIdOrderByNameAsc(Long adapterId);

}
