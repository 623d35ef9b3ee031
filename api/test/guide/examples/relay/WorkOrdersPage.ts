import { graphql } from 'relay-runtime';

// Compiled by relay-compiler (relay.config.json beside this file); a Relay app spreads the fragment in a component.
export const WorkOrdersPageQuery = graphql`
  query WorkOrdersPageQuery($first: Int!, $after: String) {
    workOrders(first: $first, after: $after) @connection(key: "WorkOrdersPage_workOrders") {
      edges { node { ...WorkOrdersPage_workOrder } }
    }
  }
`;

export const WorkOrdersPageFragment = graphql`
  fragment WorkOrdersPage_workOrder on WorkOrder @refetchable(queryName: "WorkOrdersPageRefetchQuery") {
    id
    label
    status
    customer { name }
    technician { name }
  }
`;
