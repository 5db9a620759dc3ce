import { Button, Dropdown, DropdownItem, DropdownList } from '@patternfly/react-core';
import { useState } from 'react';
import { EllipsisVIcon } from '../shared/icons.js';
import type { ClientAction } from './useClientActions.js';

/** A row's action menu: PatternFly's kebab dropdown, opening towards the row's end; a chosen action closes it. */
export function RowActions({ actions, label }: { actions: readonly ClientAction[]; label: string }) {
  const [isOpen, setOpen] = useState(false);
  return (
    <Dropdown
      isOpen={isOpen}
      onOpenChange={setOpen}
      popperProps={{ position: 'end', direction: 'down' }}
      toggle={(toggleRef) => (
        <Button
          ref={toggleRef}
          variant="plain"
          aria-label={label}
          aria-expanded={isOpen}
          onClick={() => setOpen(!isOpen)}
          data-testid="row-actions"
          icon={<EllipsisVIcon />}
        />
      )}
    >
      <DropdownList>
        {actions.map((action) => (
          <DropdownItem
            key={action.key}
            isDanger={action.danger ?? false}
            data-testid={action.testId}
            onClick={(event) => {
              event?.preventDefault();
              action.run();
              setOpen(false);
            }}
          >
            {action.label}
          </DropdownItem>
        ))}
      </DropdownList>
    </Dropdown>
  );
}
