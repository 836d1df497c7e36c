/** The one way a `name=value` property goes onto a component or the BOM metadata; an absent or empty value writes nothing. */
import * as Models from '@cyclonedx/cyclonedx-library/Models';

export function addProperty(properties: Models.PropertyRepository, name: string, value: string | undefined): void {
  if (value !== undefined && value !== '') properties.add(new Models.Property(name, value));
}
