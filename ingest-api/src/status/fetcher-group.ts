import { AssignerProtocol, type Admin } from 'kafkajs';

export interface FetcherInstance {
  /** Kafka's member id: unique, where every instance has the same client id. */
  memberId: string;
  clientId: string;
  host: string;
  /** It is assigned the commands partition: the instance that polls. */
  active: boolean;
}

/**
 * The fetcher processes, as the members of their consumer group: the one assigned a partition
 * of the commands topic is the active one (the others wait to take over). Read from Kafka, so
 * it needs no address of any fetcher.
 */
export async function fetcherInstances(admin: Admin, groupId: string): Promise<FetcherInstance[]> {
  const { groups } = await admin.describeGroups([groupId]);
  const members = groups[0]?.members ?? [];
  return members
    .map((member) => {
      const assignment =
        member.memberAssignment.length === 0
          ? null
          : AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
      const partitions = Object.values(assignment?.assignment ?? {}).flat();
      return {
        memberId: member.memberId,
        clientId: member.clientId,
        // Kafka names the client's address with a leading slash (Java's InetAddress).
        host: member.clientHost.replace(/^\//, ''),
        active: partitions.length > 0,
      };
    })
    .sort((a, b) => Number(b.active) - Number(a.active) || a.memberId.localeCompare(b.memberId));
}
