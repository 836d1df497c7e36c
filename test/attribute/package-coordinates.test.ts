/** The package-coordinates signal on purls of other ecosystems, as a vendor SBOM carries them. */
import { describe, expect, it } from 'vitest';
import { loadAttributionData } from '../../src/attribute/data.js';
import { packageCoordinates } from '../../src/attribute/signals/package-coordinates.js';
import type { PackageNode } from '../../src/model.js';

const data = loadAttributionData();

function node(purl: string): PackageNode {
  return { id: purl, name: purl, version: '1', purl, source: 'other', aliases: [], paths: [], flags: { dev: false, optional: false, devOptional: false, peer: false, bundled: false }, dependencies: new Set() };
}

describe('package-coordinates', () => {
  it.each([
    ['a vendor Maven group', 'pkg:maven/com.aliyun/aliyun-java-sdk-core@4.6.0', ['vendor=CN 0.9 Maven groupId com.aliyun [vendors:alibaba-cloud]', 'vendor=CN 0.9 Maven groupId com.aliyun [vendors:alibaba]']],
    ['a sub-group of a vendor Maven group', 'pkg:maven/com.aliyun.oss/aliyun-sdk-oss@3.17.4', ['vendor=CN 0.9 Maven groupId com.aliyun.oss [vendors:alibaba-cloud]', 'vendor=CN 0.9 Maven groupId com.aliyun.oss [vendors:alibaba]']],
    ['a Go module under a vendor organisation', 'pkg:golang/github.com/aliyun/alibaba-cloud-sdk-go@1.62.0', ['vendor=CN 0.8 Go module github.com/aliyun [vendors:alibaba-cloud]', 'vendor=CN 0.8 Go module github.com/aliyun [vendors:alibaba]']],
    ['a community Maven group says nothing', 'pkg:maven/org.dom4j/dom4j@2.1.4', []],
    ['a group that only starts like a vendor group says nothing', 'pkg:maven/com.aliyunx/tool@1', []],
    ['npm purls are left to the npm signals', 'pkg:npm/%40alicloud/pop-core@1.8.0', []],
    ['a Debian package says nothing', 'pkg:deb/debian/adduser@3.115', []],
  ])('%s', (_, purl, expected) => {
    const claims = packageCoordinates({ node: node(purl), defaultRegistry: '' }, data);
    expect(claims.map((c) => `${c.dimension}=${c.country} ${c.confidence} ${c.observed} [${c.source.file}:${c.source.id}]`)).toEqual(expected);
  });
});
